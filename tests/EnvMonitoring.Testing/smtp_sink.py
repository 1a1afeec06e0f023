#!/usr/bin/python3
"""A private SMTP server for tests (Debian's python3-aiosmtpd), run by EnvMonitoring.Testing.SmtpSink.

Listens on 127.0.0.1:PORT and saves each accepted message as DIR/NNNNN.eml, written to a temporary
name first and renamed, so a test never reads half a message; the envelope goes to NNNNN.envelope.
Every DATA attempt is appended to DIR/attempts.log before it is answered. Options make it act as
a real server does when it is busy (--fail-first N: the first N messages get a 4xx reply) or
refuses (--reject-code 550: every message is refused), and require a login (--user, --password).
Runs until SIGTERM or SIGINT.
"""
import argparse
import os
import signal
import sys
import warnings

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    print("python3-aiosmtpd is not installed: run ./envmon test (it installs it) "
          "or apt-get install -y python3-aiosmtpd", file=sys.stderr)
    sys.exit(3)


class Sink:
    def __init__(self, directory, fail_first, fail_code, reject_code):
        self.directory = directory
        self.fail_first = fail_first
        self.fail_code = fail_code
        self.reject_code = reject_code
        self.attempts = 0
        self.saved = 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        with open(os.path.join(self.directory, "attempts.log"), "a", encoding="utf-8") as log:
            log.write(f"{self.attempts} from={envelope.mail_from} to={','.join(envelope.rcpt_tos)}\n")
        if self.attempts <= self.fail_first:
            return f"{self.fail_code} 4.3.0 Busy, try again later (test sink, attempt {self.attempts})"
        if self.reject_code:
            return f"{self.reject_code} 5.7.1 Refused (test sink)"
        self.saved += 1
        base = os.path.join(self.directory, f"{self.saved:05d}")
        with open(base + ".envelope", "w", encoding="utf-8") as out:
            out.write(f"from: {envelope.mail_from}\n")
            for rcpt in envelope.rcpt_tos:
                out.write(f"to: {rcpt}\n")
            auth = getattr(session, "auth_data", None)
            out.write(f"login: {auth.login.decode() if isinstance(auth, LoginPassword) else ''}\n")
        with open(base + ".tmp", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.replace(base + ".tmp", base + ".eml")
        return "250 2.0.0 OK: saved"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-code", type=int, default=451)
    parser.add_argument("--reject-code", type=int, default=0)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, auth_data=auth_data if ok else None)

    # Loopback only, so a login without TLS is what a test wants; aiosmtpd's warning about it is expected.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    smtp_options = {"auth_require_tls": False}
    if args.user:
        smtp_options.update(authenticator=authenticate, auth_required=True)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(Sink(args.dir, args.fail_first, args.fail_code, args.reject_code),
                            hostname="127.0.0.1", port=args.port, **smtp_options)
    controller.start()
    print(f"smtp sink listening on 127.0.0.1:{args.port}, saving to {args.dir}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
