using Microsoft.AspNetCore.Http;

namespace JugendLab.Gateway.ErrorPages;

/// <summary>The words residents read when a project cannot be shown. Plain language, no blame, say what they can do.</summary>
internal static class FriendlyPages
{
    public static readonly FriendlyPage ProjectNotFound = new(
        StatusCodes.Status404NotFound,
        "Projekt nicht gefunden",
        "Unter <strong>{slug}</strong> gibt es hier kein Projekt. Vielleicht steckt ein Tippfehler in der Adresse? " +
        "Schau sie dir noch einmal an oder frag die Person, von der du den Link hast.",
        "Project not found",
        "There is no project called <strong>{slug}</strong> here. Maybe there is a typo in the address? " +
        "Have another look at it, or ask the person who gave you the link.",
        reportLink: false);

    /// <summary>A static website has no file at this address, and no 404.html of its own.</summary>
    public static readonly FriendlyPage PageNotFound = new(
        StatusCodes.Status404NotFound,
        "Seite nicht gefunden",
        "Auf der Website <strong>{slug}</strong> gibt es diese Seite nicht. Vielleicht steckt ein Tippfehler in der Adresse, " +
        "oder die Seite wurde umbenannt. Probier es mit der Startseite.",
        "Page not found",
        "The website <strong>{slug}</strong> has no page at this address. Maybe there is a typo in it, or the page was renamed. " +
        "Try the start page.",
        reportLink: false);

    public static readonly FriendlyPage NotDeployed = new(
        StatusCodes.Status503ServiceUnavailable,
        "Hier entsteht gerade etwas",
        "Das Projekt <strong>{slug}</strong> gibt es schon, aber das Team hat es noch nicht veröffentlicht. " +
        "Schau bald wieder vorbei!",
        "Something is being built here",
        "The project <strong>{slug}</strong> exists, but its team has not published it yet. Come back soon!");

    public static readonly FriendlyPage Stopped = new(
        StatusCodes.Status503ServiceUnavailable,
        "Das Projekt macht gerade Pause",
        "Das Projekt <strong>{slug}</strong> wurde vom Team oder von einer Mentorin oder einem Mentor angehalten. " +
        "Das ist Absicht und kein Fehler. Vielleicht ist es bald wieder da.",
        "This project is taking a break",
        "The project <strong>{slug}</strong> was stopped by its team or by a mentor. " +
        "That is on purpose, not a fault. It may be back soon.");

    public static readonly FriendlyPage UnderReview = new(
        StatusCodes.Status503ServiceUnavailable,
        "Das Projekt wird gerade überprüft",
        "Zum Projekt <strong>{slug}</strong> sind Meldungen aus dem Quartier gekommen. Eine Mentorin oder ein Mentor " +
        "schaut es sich an. Bis dahin ist es nicht erreichbar. Danke für deine Geduld.",
        "This project is being checked",
        "People from the neighbourhood reported the project <strong>{slug}</strong>. A mentor is looking at it. " +
        "Until then it is not available. Thank you for your patience.");

    public static readonly FriendlyPage Crashed = new(
        StatusCodes.Status503ServiceUnavailable,
        "Das Projekt ist abgestürzt",
        "Das Projekt <strong>{slug}</strong> ist abgestürzt und lässt sich gerade nicht wieder starten. " +
        "Das Team sieht auf der Plattform den Status „abgestürzt“ und die letzten Log-Zeilen. " +
        "Bitte versuch es später noch einmal.",
        "This project has crashed",
        "The project <strong>{slug}</strong> crashed and cannot be restarted right now. " +
        "Its team sees the status \"crashed\" and the last log lines on the platform. Please try again later.");

    public static readonly FriendlyPage NotAnswering = new(
        StatusCodes.Status502BadGateway,
        "Das Projekt antwortet gerade nicht",
        "Das Projekt <strong>{slug}</strong> ist da, antwortet aber gerade nicht. " +
        "Warte einen Moment und lade die Seite dann neu – oft hilft das schon.",
        "This project is not answering right now",
        "The project <strong>{slug}</strong> is there, but it is not answering right now. " +
        "Wait a moment and reload the page; that often does the trick.");
}
