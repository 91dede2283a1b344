/** Turns the game's SVG pictures into Phaser textures (decoded once per game, before the scene draws). @module */

import { ROLES } from '@handshake/shared';
import type Phaser from 'phaser';
import { type ItemShape, itemIcon, PADLOCK, roleIcon } from '../art/icons.ts';

const ITEM_SHAPES: ItemShape[] = ['private-key', 'public-key', 'certificate', 'session-keys', 'secret'];

export const textureKey = {
  role: (role: string) => `role-${role}`,
  item: (shape: ItemShape) => `item-${shape}`,
  padlock: 'padlock',
};

function decode(markup: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('An SVG picture could not be decoded.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  });
}

export async function loadTextures(textures: Phaser.Textures.TextureManager): Promise<void> {
  const wanted: [string, string][] = [
    ...ROLES.map((r): [string, string] => [textureKey.role(r), roleIcon(r, 128)]),
    ...ITEM_SHAPES.map((s): [string, string] => [textureKey.item(s), itemIcon(s, 96)]),
    [textureKey.padlock, PADLOCK],
  ];
  await Promise.all(
    wanted.map(async ([key, markup]) => {
      if (textures.exists(key)) return;
      textures.addImage(key, await decode(markup));
    }),
  );
}
