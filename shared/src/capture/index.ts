/** Taking a round out of the game: a Wireshark capture and a key log, from the debrief view. @module */
export {
  BLOCK_TYPE,
  decryptionSecretsBlock,
  enhancedPacketBlock,
  interfaceDescriptionBlock,
  LINKTYPE_RAW,
  SECRETS_TYPE_TLS_KEY_LOG,
  sectionHeaderBlock,
} from './pcapng.ts';
export { captureFileName, capturePackets, envelopeComment, keyLogText, roundPcapng } from './roundCapture.ts';
export { internetChecksum, ipv4TcpPacket, TcpConversation } from './tcpip.ts';
