# Dein Server mit Flask. JugendLab startet ihn mit "python3 app.py".
# Your server with Flask. JugendLab starts it with "python3 app.py".
import os
from datetime import datetime, timezone

from flask import Flask, jsonify, render_template

app = Flask(__name__)


# Die Startseite: Flask nimmt die Datei templates/index.html. Das Aussehen steht in static/style.css.
@app.get("/")
def startseite():
    return render_template("index.html")


# Eine Adresse, die der Server selbst ausrechnet: probier /api/hallo
@app.get("/api/hallo")
def hallo():
    return jsonify(nachricht="Hallo vom Server!", zeit=datetime.now(timezone.utc).isoformat())


# JugendLab sagt dem Server in PORT, wo er zuhören soll (8080).
if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8080")))
