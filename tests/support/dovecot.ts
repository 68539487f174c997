import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A private Dovecot for the IMAP tests: the real server from the OS packages
 * (scripts/ensure-dovecot.sh installs it), started in the foreground with its
 * own config, sockets, state, log and maildirs in a temporary folder, on free
 * loopback ports: never the system's configuration or its port 143.
 *
 * Any username logs in with `password` (a static passdb), so each test takes
 * a fresh username and with it an empty INBOX of its own. XOAUTH2 is offered
 * too, and Dovecot checks its token against the same passdb: an OAuth2 test
 * hands out `password` as the access token. One cleartext port
 * (plain LOGIN allowed, loopback only) and one implicit-TLS port with a
 * throwaway self-signed certificate, which clients rightly refuse to trust.
 */

export interface Dovecot {
  host: string;
  port: number;
  tlsPort: number;
  password: string;
  stop: () => Promise<void>;
}

const candidates = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"];

function findDovecot(): string {
  const found = candidates.find((file) => fs.existsSync(file));
  if (found) return found;
  throw new Error(
    "Dovecot is not installed, and the IMAP tests need a real IMAP server.\n" +
      "  Debian/Ubuntu: run `bash scripts/ensure-dovecot.sh` as root (it installs dovecot-imapd), then run the tests again.",
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Dovecot will not give mail to uid 0, and its helpers drop privileges: as root, mail belongs to nobody. */
function mailOwner(): { user: string; uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { user: os.userInfo().username, uid, gid: process.getgid?.() ?? uid };
  return { user: "nobody", uid: 65534, gid: 65534 };
}

function config(dir: string, ports: { imap: number; imaps: number }, password: string): string {
  const owner = mailOwner();
  const asRoot = (process.getuid?.() ?? 0) === 0;
  return `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
${asRoot ? "" : `default_internal_user = ${owner.user}\ndefault_login_user = ${owner.user}`}
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
# The wrong-password test need not wait the default 2 s per refusal.
auth_failure_delay = 0
first_valid_uid = ${owner.uid}
mail_location = maildir:${dir}/mail/%n
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${dir}/mail/%n
}
service imap-login {
  inet_listener imap {
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = ${ports.imaps}
    ssl = yes
  }
}
# No growing delay for 127.0.0.1 after the wrong-password test's failures.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
}

async function waitForGreeting(port: number, child: ChildProcess, logFile: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Dovecot exited (${child.exitCode}) on start:\n${readLog(logFile)}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.setTimeout(1000);
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("* OK"));
      });
      socket.once("error", () => resolve(false));
      socket.once("timeout", () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Dovecot did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000} s:\n${readLog(logFile)}`);
}

function readLog(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").slice(-4000) : "(no log)";
}

export async function startDovecot(): Promise<Dovecot> {
  const binary = findDovecot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-dovecot-"));
  // Dovecot's unprivileged helpers and the mail owner must reach into the folder.
  fs.chmodSync(dir, 0o755);
  const owner = mailOwner();
  fs.mkdirSync(path.join(dir, "mail"));
  fs.chownSync(path.join(dir, "mail"), owner.uid, owner.gid);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2", "-keyout", `${dir}/key.pem`, "-out", `${dir}/cert.pem`], { stdio: "ignore" });
  const password = "imap-test-password";
  const imap = await freePort();
  let imaps = await freePort();
  while (imaps === imap) imaps = await freePort();
  const ports = { imap, imaps };
  const configFile = path.join(dir, "dovecot.conf");
  fs.writeFileSync(configFile, config(dir, ports, password));
  const logFile = path.join(dir, "dovecot.log");
  const child = spawn(binary, ["-F", "-c", configFile], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForGreeting(ports.imap, child, logFile);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }
  return {
    host: "127.0.0.1",
    port: ports.imap,
    tlsPort: ports.imaps,
    password,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
