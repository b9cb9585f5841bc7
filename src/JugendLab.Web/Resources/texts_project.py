# Texts of the project pages: the header, the tabs and the Übersicht tab. See texts.py.
TEXTS = {
    "ProjectTabs": ("Bereiche des Projekts", "Parts of the project"),
    "TabOverview": ("Übersicht", "Overview"),
    "LiveVersion": ("Version, die gerade läuft", "Version running now"),
    "HowToPush": ("So schickst du neuen Code", "How to send new code"),
    "HowToPushIntro": ("Im Ordner deines Projekts, einmal die erste Zeile, danach bei jeder Änderung die zweite:",
                       "In your project's folder: the first line once, then the second one after every change:"),
    "HowToPushToken": ("git fragt nach deinem Namen und einem Zugangs-Token. Ein Token machst du hier:",
                       "git asks for your name and an access token. You make a token here:"),
    "OpenProject": ("Projekt {0} öffnen", "Open project {0}"),
    "NotFoundTitle": ("Nicht gefunden", "Not found"),
    "NotFoundText": ("Diese Seite gibt es nicht, oder du darfst sie nicht sehen. Prüf die Adresse oder geh zurück zu deinen Projekten.",
                     "This page does not exist, or you may not see it. Check the address or go back to your projects."),
    "ErrorTitle": ("Das hat nicht geklappt", "That did not work"),
    "ErrorText": ("Etwas ist schiefgegangen. Probier es nochmals. Wenn es wieder passiert, sag es deiner Mentor:in.",
                  "Something went wrong. Try again. If it happens again, tell your mentor."),
    "BackToProjects": ("Zurück zu meinen Projekten", "Back to my projects"),
}
