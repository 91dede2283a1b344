import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8ToBytes } from '../../bytes/bytes.ts';
import { bodyOf, loginRequest, redirectToHttps, welcomeReply } from './http.ts';

/** Splits an HTTP/1.1 message into its start line, header fields and body (RFC 9112 §2.1). */
function parse(bytes: Uint8Array) {
  const text = utf8Decode(bytes);
  const end = text.indexOf('\r\n\r\n');
  const [startLine, ...fields] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(fields.map((f) => [f.slice(0, f.indexOf(':')), f.slice(f.indexOf(':') + 2)]));
  return { startLine, headers, body: bytes.slice(utf8ToBytes(text.slice(0, end + 4)).length) };
}

describe('the HTTP/1.1 messages of a round', () => {
  it('the login is a form POST with Host, Content-Type and a Content-Length that counts its bytes', () => {
    const login = utf8ToBytes('user=alex&password=früh-ling-1234');
    const request = parse(loginRequest('bank.example', login));
    expect(request.startLine).toBe('POST /login HTTP/1.1');
    expect(request.headers).toEqual({
      Host: 'bank.example',
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(login.length),
    });
    expect(request.body).toEqual(login);
    expect(bodyOf(loginRequest('bank.example', login))).toEqual(login);
  });

  it('the reply has a status line, Content-Type and Content-Length', () => {
    const reply = parse(welcomeReply());
    expect(reply.startLine).toBe('HTTP/1.1 200 OK');
    expect(reply.headers['Content-Type']).toMatch(/^text\/plain/);
    expect(Number(reply.headers['Content-Length'])).toBe(reply.body.length);
    expect(utf8Decode(reply.body)).toBe('Welcome back!');
  });

  it('a redirect says it has no body', () => {
    expect(parse(redirectToHttps('bank.example')).headers).toMatchObject({
      Location: 'https://bank.example/',
      'Content-Length': '0',
    });
  });
});
