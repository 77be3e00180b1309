import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { UdpAddress } from './daemon-address.ts';

// Services send a burst of datagrams per request (a segment and streamed subsegments each);
// the kernel's default receive buffer drops some of a burst before they are read.
const receiveBufferBytes = 4 * 1024 * 1024;

/** Binds a UDP socket and hands every datagram to onDatagram; resolves with the bound address. */
export async function listenUdp(address: UdpAddress, onDatagram: (data: Buffer) => void): Promise<{ socket: Socket; address: UdpAddress }> {
  const socket = createSocket(isIPv6(address.host) ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      socket.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`UDP ${address.host}:${address.port} is already in use (an X-Ray daemon or another collector?)`)
          : error,
      );
    };
    socket.once('error', failed);
    socket.bind(address.port, address.host, () => {
      socket.off('error', failed);
      resolve();
    });
  });
  // Errors after binding (ICMP noise and the like) concern single datagrams: never fatal here.
  socket.on('error', () => undefined);
  socket.on('message', onDatagram);
  try {
    socket.setRecvBufferSize(receiveBufferBytes);
  } catch {
    // The system's maximum is lower; its default buffer still works, bursts may lose datagrams.
  }
  const bound = socket.address();
  return { socket, address: { host: bound.address, port: bound.port } };
}
