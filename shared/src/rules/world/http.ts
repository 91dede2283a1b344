/** The HTTP/1.1 messages the round carries (RFC 9112): the page, the login request and the bank's reply. @module */
import { concatBytes, utf8ToBytes } from '../../bytes/bytes.ts';

const CRLF = '\r\n';
const FORM = 'application/x-www-form-urlencoded';

/** Start line, header fields and the body, with Content-Length counted in bytes (RFC 9112 §2.1, §6.2). */
function message(startLine: string, headers: [string, string][], body: Uint8Array): Uint8Array {
  const fields = [...headers, ['Content-Length', String(body.length)]].map(([name, value]) => `${name}: ${value}`);
  return concatBytes(utf8ToBytes([startLine, ...fields, '', ''].join(CRLF)), body);
}

/** The browser's GET for the front page. */
export function pageRequest(host: string): Uint8Array {
  return utf8ToBytes(`GET / HTTP/1.1${CRLF}Host: ${host}${CRLF}${CRLF}`);
}

/** The form the browser posts: its body is the login (`user=…&password=…`). */
export function loginRequest(host: string, login: Uint8Array): Uint8Array {
  return message(
    'POST /login HTTP/1.1',
    [
      ['Host', host],
      ['Content-Type', FORM],
    ],
    login,
  );
}

/** The bank's answer to a login. */
export function welcomeReply(): Uint8Array {
  return message('HTTP/1.1 200 OK', [['Content-Type', 'text/plain; charset=utf-8']], utf8ToBytes('Welcome back!'));
}

/** The login page, whose form posts back to `action`. */
export function loginPageResponse(action: string): Uint8Array {
  return message(
    'HTTP/1.1 200 OK',
    [['Content-Type', 'text/html; charset=utf-8']],
    utf8ToBytes(`<form action="${action}" method="post">…</form>`),
  );
}

/** A permanent redirect to https that also pins the site to https from now on (HSTS, RFC 6797). */
export function redirectToHttps(site: string): Uint8Array {
  return message(
    'HTTP/1.1 301 Moved Permanently',
    [
      ['Location', `https://${site}/`],
      ['Strict-Transport-Security', 'max-age=31536000'],
    ],
    new Uint8Array(0),
  );
}

/** The body of an HTTP message: what follows the blank line after the header fields (the whole input if none). */
export function bodyOf(httpMessage: Uint8Array): Uint8Array {
  for (let i = 0; i + 3 < httpMessage.length; i++)
    if (httpMessage[i] === 13 && httpMessage[i + 1] === 10 && httpMessage[i + 2] === 13 && httpMessage[i + 3] === 10)
      return httpMessage.slice(i + 4);
  return httpMessage;
}
