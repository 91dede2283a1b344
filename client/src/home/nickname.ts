/** The nickname this browser last used, so a returning student does not type it again. @module */
const NICKNAME_KEY = 'handshake.nickname';

export function savedNickname(): string {
  return localStorage.getItem(NICKNAME_KEY) ?? '';
}

export function saveNickname(nickname: string): void {
  localStorage.setItem(NICKNAME_KEY, nickname.trim());
}
