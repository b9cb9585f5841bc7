// Dein Server. JugendLab startet ihn mit dem "start"-Skript aus package.json.
// Your server. JugendLab starts it with the "start" script in package.json.
const http = require("http");
const fs = require("fs");
const path = require("path");

// Welche Adresse welche Datei aus dem Ordner public/ zeigt. Neue Seite? Trag sie hier ein.
const pages = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/style.css": ["style.css", "text/css; charset=utf-8"],
};

const server = http.createServer((request, response) => {
  const url = request.url.split("?")[0];
  // Eine Adresse, die der Server selbst ausrechnet: probier /api/hallo
  if (url === "/api/hallo") {
    response.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    response.end(JSON.stringify({ nachricht: "Hallo vom Server!", zeit: new Date().toISOString() }));
    return;
  }
  const page = pages[url];
  if (!page) {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    response.end("Diese Seite gibt es nicht. / This page does not exist.");
    return;
  }
  fs.readFile(path.join(__dirname, "public", page[0]), (error, content) => {
    response.writeHead(error ? 500 : 200, { "Content-Type": error ? "text/plain; charset=utf-8" : page[1] });
    response.end(error ? "Die Datei fehlt. / The file is missing." : content);
  });
});

// JugendLab sagt dem Server in PORT, wo er zuhören soll (8080).
const port = Number(process.env.PORT) || 8080;
server.listen(port, "0.0.0.0", () => console.log(`Der Server läuft auf Port ${port}`));
