// A throw-away test CA and one server certificate naming every sandbox host, made with openssl.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function openssl(args, input) {
  return execFileSync("openssl", args, { input, stdio: ["pipe", "pipe", "pipe"] });
}

/** Creates `ca.pem`, `server.pem`, `server.key` in `dir`; returns their paths and the SPKI hash. */
export function makeCertificates(dir, hosts) {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name) => path.join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl([
    "req", "-x509", ...ec, "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "7",
    "-subj", "/CN=Fedilens sandbox CA",
    "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  openssl(["req", ...ec, "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", "/CN=fedilens-sandbox"]);
  const ext = [
    `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(",")}`,
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature",
    "extendedKeyUsage=serverAuth",
  ].join("\n");
  fs.writeFileSync(file("server.ext"), ext);
  openssl([
    "x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
    "-CAcreateserial", "-out", file("server.pem"), "-days", "7", "-extfile", file("server.ext"),
  ]);
  // Chromium's --ignore-certificate-errors-spki-list takes base64(sha256(SubjectPublicKeyInfo)).
  const pubkey = openssl(["x509", "-in", file("server.pem"), "-pubkey", "-noout"]);
  const der = openssl(["pkey", "-pubin", "-outform", "der"], pubkey);
  const spki = openssl(["dgst", "-sha256", "-binary"], der).toString("base64");
  return { ca: file("ca.pem"), cert: file("server.pem"), key: file("server.key"), spki };
}
