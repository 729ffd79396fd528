package org.passage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the service and PostgreSQL that can black the database out: while
 * cut, every open connection is dropped and new ones are refused, as when the server
 * stops or the network between them fails; restored, it relays again on the same port.
 * The server itself, which other tests share, is never touched.
 */
public final class Blackout implements AutoCloseable {

	private final InetSocketAddress target;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	public Blackout(String host, int targetPort) throws IOException {
		this.target = new InetSocketAddress(host, targetPort);
		try (ServerSocket probe = new ServerSocket(0)) {
			this.port = probe.getLocalPort();
		}
		restore();
	}

	public int port() {
		return this.port;
	}

	/** Drops every connection and refuses new ones. */
	public synchronized void cut() throws IOException {
		this.listener.close();
		for (Socket socket : this.open) {
			socket.close();
		}
		this.open.clear();
	}

	/** Accepts and relays connections again. */
	public synchronized void restore() throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		this.listener = socket;
		Thread acceptor = new Thread(() -> accept(socket), "blackout-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@Override
	public void close() throws IOException {
		cut();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket server = new Socket();
				server.connect(this.target, 2000);
				this.open.add(client);
				this.open.add(server);
				pump(client, server);
				pump(server, client);
			}
			catch (IOException closed) {
				// cut: the listener is gone
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read; (read = in.read(buffer)) >= 0;) {
					out.write(buffer, 0, read);
				}
			}
			catch (IOException dropped) {
				// either side closed
			}
			finally {
				try {
					from.close();
					to.close();
				}
				catch (IOException ignored) {
					// already closed
				}
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "blackout-pump");
		pump.setDaemon(true);
		pump.start();
	}

}
