# Writes SharedResource.resx (German, the default) and SharedResource.en.resx from the tables: the one below, and one
# per part of the app in texts_<part>.py (each defines TEXTS). Edit a table, run `python3 texts.py` in this folder,
# and commit the tables and both .resx files.
# German: Swiss spelling (ss, never ß), du, plain words (see UI.md).
import glob
import html
import importlib.util

TEXTS = {
    "AppName": ("JugendLab", "JugendLab"),
    "SkipToContent": ("Zum Inhalt springen", "Skip to content"),
    "MainNav": ("Hauptmenü", "Main menu"),
    "NavProjects": ("Meine Projekte", "My projects"),
    "SignOut": ("Abmelden", "Sign out"),
    "SignedInAs": ("Angemeldet als {0}", "Signed in as {0}"),
    "LanguageSwitch": ("English", "Deutsch"),
    "LanguageSwitchLabel": ("Switch to English", "Auf Deutsch wechseln"),
    "SignInTitle": ("Anmelden", "Sign in"),
    "SignInIntro": ("Melde dich mit deinem Namen und deinem Passwort an.", "Sign in with your name and your password."),
    "NoAccount": ("Noch keinen Zugang? Deine Mentor:in gibt dir einen Einladungscode.", "No account yet? Your mentor gives you an invite code."),
    "Name": ("Name", "Name"),
    "Password": ("Passwort", "Password"),
    "SignInButton": ("Anmelden", "Sign in"),
    "NameRequired": ("Gib deinen Namen ein.", "Enter your name."),
    "PasswordRequired": ("Gib dein Passwort ein.", "Enter your password."),
    "SignInWrong": ("Name oder Passwort stimmt nicht. Prüf beides und probier es nochmals. Passwort vergessen? Deine Mentor:in kann dir ein neues geben.",
                    "The name or the password is wrong. Check both and try again. Forgot your password? Your mentor can give you a new one."),
    "SignInWait": ("Zu viele falsche Versuche. Warte {0} Sekunden und probier es dann nochmals.",
                   "Too many wrong tries. Wait {0} seconds, then try again."),
    "SignInBusy": ("Der Server ist gerade sehr beschäftigt. Probier es in {0} Sekunden nochmals.",
                   "The server is very busy right now. Try again in {0} seconds."),
    "ErrorSummary": ("Das hat nicht geklappt:", "That did not work:"),
    "ProjectsTitle": ("Meine Projekte", "My projects"),
    "NoTeams": ("Du bist noch in keinem Team. Frag deine Mentor:in, ob sie dich in ein Team aufnimmt.",
                "You are not in a team yet. Ask your mentor to add you to a team."),
    "TeamHeading": ("Team {0}", "Team {0}"),
    "ProjectCount": ("{0} von {1} Projekten", "{0} of {1} projects"),
    "NoProjects": ("Dieses Team hat noch keine Projekte.", "This team has no projects yet."),
    "Status": ("Status", "Status"),
    "StatusLive": ("Live", "Live"),
    "StatusBuilding": ("Baut …", "Building …"),
    "StatusFailed": ("Fehler", "Error"),
    "StatusStopped": ("Pausiert", "Paused"),
    "StatusCrashed": ("Abgestürzt", "Crashed"),
    "StatusEmpty": ("Noch leer", "Empty"),
    "Address": ("Adresse", "Address"),
    "LastVersion": ("Letzte Version", "Latest version"),
    "NeverPublished": ("Noch nie veröffentlicht. Schick deinen Code mit git push.", "Never published. Send your code with git push."),
    "VersionLine": ("Version {0} von {1}, {2}", "Version {0} by {1}, {2}"),
    "StoppedBy": ("Angehalten von {0}: {1}", "Stopped by {0}: {1}"),
    "NavTokens": ("Zugangs-Tokens", "Access tokens"),
    "TokensTitle": ("Zugangs-Tokens", "Access tokens"),
    "TokensIntro": ("Mit einem Zugangs-Token schickt git deinen Code auf die Plattform. Mach für jedes Gerät ein eigenes Token: Geht ein Gerät verloren, löschst du nur dessen Token.",
                    "With an access token, git sends your code to the platform. Make one token per device: if a device gets lost, you delete only its token."),
    "TokenName": ("Name des Tokens (zum Beispiel «Laptop»)", "Name of the token (for example \u201claptop\u201d)"),
    "TokenCreate": ("Token erstellen", "Create token"),
    "TokenCreated": ("Dein neues Token. Kopier es jetzt: Es wird nur dieses eine Mal angezeigt.", "Your new token. Copy it now: it is shown only this once."),
    "TokenRemoteIntro": ("So verbindest du ein Projekt mit git (im Ordner deines Projekts):", "This is how you connect a project with git (in your project's folder):"),
    "Copy": ("Kopieren", "Copy"),
    "Copied": ("Kopiert", "Copied"),
    "YourTokens": ("Deine Tokens", "Your tokens"),
    "NoTokens": ("Du hast noch kein Token.", "You have no token yet."),
    "TokenLine": ("{0} (beginnt mit {1}), erstellt {2}", "{0} (starts with {1}), created {2}"),
    "TokenRevoked": ("gelöscht {0}", "deleted {0}"),
    "TokenRevoke": ("Löschen", "Delete"),
    "TokenRevokeLabel": ("Token «{0}» löschen", "Delete token \u201c{0}\u201d"),
    "TokenWasRevoked": ("Das Token «{0}» ist gelöscht. git und die API nehmen es nicht mehr an.", "The token \u201c{0}\u201d is deleted. git and the API no longer accept it."),
}

for part in sorted(glob.glob("texts_*.py")):
    spec = importlib.util.spec_from_file_location(part[:-3], part)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    twice = TEXTS.keys() & module.TEXTS.keys()
    assert not twice, f"{part} repeats {sorted(twice)}"
    TEXTS.update(module.TEXTS)

def write(path, index):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<root>\n')
        f.write('  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>\n')
        f.write('  <resheader name="version"><value>2.0</value></resheader>\n')
        f.write('  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n')
        f.write('  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n')
        for key, texts in TEXTS.items():
            assert "ß" not in texts[0], key
            f.write(f'  <data name="{key}" xml:space="preserve"><value>{html.escape(texts[index], quote=False)}</value></data>\n')
        f.write("</root>\n")

write("SharedResource.resx", 0)
write("SharedResource.en.resx", 1)
