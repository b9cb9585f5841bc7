# Texts of remixing a project from the Schaufenster, and of the credit a remix carries. German: Swiss spelling, du, plain words.
TEXTS = {
    # The credit, on the public Schaufenster and on the project's Schaufenster tab
    "RemixCredit": ("Remix von «{0}» von Team {1}", "Remix of \u201c{0}\u201d by team {1}"),
    "RemixCreditStays": ("Das steht immer bei eurem Projekt im Schaufenster, auch wenn ihr Titel und Beschreibung ändert. So weiss das Quartier, wer die Idee hatte.",
                         "This always stays with your project in the showcase, even when you change the title and description. So the neighbourhood knows whose idea it was."),

    # The button on a card of the public Schaufenster
    "RemixButton": ("Remixen", "Remix"),
    "RemixButtonLabel": ("Remixen: {0}", "Remix: {0}"),

    # The remix page
    "RemixPageTitle": ("«{0}» remixen", "Remix \u201c{0}\u201d"),
    "RemixIntro": ("Remixen heisst: Du kopierst die Dateien von «{0}» vom Team {1} in ein neues Projekt deines Teams. Dort kannst du alles ändern. Das Original bleibt, wie es ist.",
                   "Remixing means: you copy the files of \u201c{0}\u201d by team {1} into a new project of your team. There you can change everything. The original stays as it is."),
    "RemixWhatIsCopied": ("Kopiert werden nur die Dateien der Version, die gerade online ist. Die Geschichte des Projekts, seine Variablen und Geheimnisse bleiben beim Team {0}.",
                          "Only the files of the version that is online now are copied. The project's history, its variables and secrets stay with team {0}."),
    "RemixCreditNote": ("Dein Projekt nennt das Original und das Team {0}: im ersten Commit und im Schaufenster.",
                        "Your project names the original and team {0}: in its first commit and in the showcase."),
    "RemixTeam": ("In welches Team?", "Into which team?"),
    "RemixOneTeam": ("Das neue Projekt kommt ins Team {0}.", "The new project goes into team {0}."),
    "RemixNoTeam": ("Remixen geht nur in ein anderes Team, und du bist in keinem anderen Team als {0}. Frag deine Mentor:in.",
                    "You can only remix into another team, and you are in no team but {0}. Ask your mentor."),
    "RemixCreate": ("Remixen und veröffentlichen", "Remix and publish"),
    "RemixBack": ("Zurück zum Schaufenster", "Back to the showcase"),
}
