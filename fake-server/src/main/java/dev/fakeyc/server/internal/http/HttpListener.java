package dev.fakeyc.server.internal.http;

import org.apiguardian.api.API;

import io.undertow.Undertow;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One HTTP/1.1 listener on Undertow's engine, set up as {@code Undertow.builder()…start()} sets up
 * one (the same worker, buffer and socket settings), with one addition: each accepted connection's
 * output goes through {@link ParserRefusal}, so a request Undertow's parser refuses gets the fake's
 * JSON 400 instead of a bare one, and its input through a {@link ReadStallGuard}, which cuts off a client that stops
 * sending mid-request (in place of XNIO's costlier {@code Options.READ_TIMEOUT}). Start it with {@link #start}, stop
 * it with {@link #stop()}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class HttpListener {
	private final XnioWorker worker;
	private final ByteBufferPool buffers;
	private final HttpOpenListener openListener;
	private final AcceptingChannel<StreamConnection> channel;

	private HttpListener(XnioWorker worker, ByteBufferPool buffers, HttpOpenListener openListener, AcceptingChannel<StreamConnection> channel) {
		this.worker = worker;
		this.buffers = buffers;
		this.openListener = openListener;
		this.channel = channel;
	}

	/**
	 * Binds {@code host:port} and starts answering with {@code handler}.
	 *
	 * @param ioThreads       IO threads, at least 1
	 * @param workerThreads   worker threads (for dispatched handlers), at least 1
	 * @param undertowOptions Undertow's server options ({@code UndertowOptions.*})
	 * @param readStallMillis how long, in milliseconds, a connection may send nothing while its request (or the next
	 *                        one) is read before it is closed ({@link ReadStallGuard}); at least 1
	 * @throws IOException if the address cannot be bound (in use, not local)
	 * @throws IllegalArgumentException if {@code readStallMillis} is below 1
	 */
	public static HttpListener start(String host, int port, int ioThreads, int workerThreads, OptionMap undertowOptions, long readStallMillis,
			HttpHandler handler) throws IOException {
		if (readStallMillis < 1) {
			throw new IllegalArgumentException("a read stall timeout is at least 1 ms: " + readStallMillis);
		}
		Xnio xnio = Xnio.getInstance(Undertow.class.getClassLoader());
		XnioWorker worker = xnio.createWorker(OptionMap.builder()
				.set(Options.WORKER_IO_THREADS, ioThreads)
				.set(Options.CONNECTION_HIGH_WATER, 1_000_000)
				.set(Options.CONNECTION_LOW_WATER, 1_000_000)
				.set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
				.set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
				.set(Options.TCP_NODELAY, true)
				.set(Options.CORK, true)
				.getMap());
		// Undertow's own choice of buffers by heap size
		long maxMemory = Runtime.getRuntime().maxMemory();
		boolean direct = maxMemory >= 64L * 1024 * 1024;
		int bufferSize = maxMemory < 64L * 1024 * 1024 ? 512 : maxMemory < 128L * 1024 * 1024 ? 1024 : 16 * 1024 - 20;
		ByteBufferPool buffers = new DefaultByteBufferPool(direct, bufferSize, -1, 4);
		try {
			HttpOpenListener openListener = new HttpOpenListener(buffers, undertowOptions);
			openListener.setRootHandler(handler);
			ChannelListener<StreamConnection> guarded = connection -> {
				connection.getSinkChannel().setConduit(new ParserRefusal(connection.getSinkChannel().getConduit()));
				ReadStallGuard.install(connection, readStallMillis);
				openListener.handleEvent(connection);
			};
			OptionMap options = OptionMap.builder()
					.set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
					.set(Options.TCP_NODELAY, true)
					.set(Options.REUSE_ADDRESSES, true)
					.set(Options.BALANCING_TOKENS, 1)
					.set(Options.BALANCING_CONNECTIONS, 2)
					.set(Options.BACKLOG, 1000)
					.getMap();
			AcceptingChannel<StreamConnection> channel = worker.createStreamConnectionServer(new InetSocketAddress(host, port),
					ChannelListeners.openListenerAdapter(guarded), options);
			channel.resumeAccepts();
			return new HttpListener(worker, buffers, openListener, channel);
		} catch (IOException | RuntimeException e) {
			worker.shutdownNow();
			buffers.close();
			throw e;
		}
	}

	/**
	 * What a first connection and its first request load besides {@link #preload}'s classes, in the order they do (from
	 * {@code -Xlog:class+load} of the jar's cold start): XNIO's accepted-connection conduits, Undertow's HTTP/1.1 read
	 * listener, parse state, response conduits and sender, the fake's routing, decision, journal and refusal-body
	 * classes, and the JDK's socket-write buffers. By name because many are not public; {@code HttpListenerPreloadTest}
	 * checks that every name still loads. (The request path's lambdas link on first use and cannot be loaded ahead.)
	 */
	static final List<String> FIRST_REQUEST = List.of("sun.nio.ch.SocketChannelImpl", "java.net.Socket", "sun.nio.ch.SocketAdaptor",
			"org.xnio.nio.NioSocketStreamConnection", "org.xnio.nio.NioSocketConduit", "org.xnio.conduits.TerminateHandler",
			"org.xnio.conduits.ReadReadyHandler", "org.xnio.conduits.WriteReadyHandler", "org.xnio.conduits.ConduitStreamSinkChannel",
			"org.xnio.conduits.WriteReadyHandler$ChannelListenerHandler", "org.xnio.conduits.ConduitStreamSourceChannel",
			"org.xnio.conduits.ReadReadyHandler$ChannelListenerHandler", "org.xnio.conduits.AbstractStreamSourceConduit",
			"dev.fakeyc.server.internal.http.ReadStallGuard", "org.xnio.nio.WorkerThread$TimeKey", "io.undertow.UndertowLogger",
			"io.undertow.client.ClientConnection", "io.undertow.server.AbstractServerConnection$CloseSetter", "org.xnio.channels.SslChannel",
			"io.undertow.server.protocol.http.HttpResponseConduit", "io.undertow.server.protocol.http.ServerFixedLengthStreamSinkConduit",
			"io.undertow.conduits.ReadDataStreamSourceConduit", "io.undertow.server.protocol.http.HttpReadListener",
			"io.undertow.server.protocol.http.ParseState", "io.undertow.server.protocol.ParseTimeoutUpdater",
			"io.undertow.server.protocol.http.CacheMap", "io.undertow.util.WorkerUtils", "io.undertow.util.HeaderValues", "io.undertow.util.Cookies",
			"io.undertow.server.protocol.http.HttpTransferEncoding", "io.undertow.server.RequestTooBigException",
			"dev.fakeyc.server.internal.catalog.Catalog$HostLookup", "dev.fakeyc.server.internal.catalog.RouteMatch",
			"dev.fakeyc.server.internal.catalog.Catalog$LastMatch", "dev.fakeyc.server.internal.decision.Credential",
			"dev.fakeyc.server.internal.decision.RequestFacts", "dev.fakeyc.server.internal.decision.Verdict", "dev.fakeyc.server.Outcome",
			"dev.fakeyc.server.internal.answer.GrpcStatus", "dev.fakeyc.server.internal.decision.Acceptance", "dev.fakeyc.server.Subject$Kind",
			"dev.fakeyc.server.internal.journal.MaskedHeaders$Walk", "dev.fakeyc.server.internal.text.Excerpt",
			"dev.fakeyc.server.internal.journal.EntryBytes", "dev.fakeyc.server.internal.journal.EntryBytes$Reader",
			"io.undertow.io.AsyncSenderImpl", "dev.fakeyc.server.internal.answer.ErrorBodies$Frame", "io.undertow.io.DefaultIoCallback",
			"io.undertow.server.OverridableTreeSet", "sun.nio.ch.IOVecWrapper", "io.undertow.server.HttpServerExchange$ExchangeCompleteNextListener");

	/**
	 * Loads and initializes what {@link #start} and a first request need, without binding or starting anything: XNIO
	 * and its NIO provider, Undertow's HTTP/1.1 listener, parser and exchange, the calendar and locale data its Date
	 * header needs, the fake's request path, and then {@link #FIRST_REQUEST}. Class loading is most of a cold start's wait
	 * for the first answer; run on a second thread while the caller does other set-up, it happens beside that work
	 * rather than after it. Any failure is ignored: {@link #start} and the first request meet the same problem and report
	 * it.
	 */
	public static void preload() {
		try {
			Xnio.getInstance(Undertow.class.getClassLoader());
			for (Class<?> type : new Class<?>[]{ Options.class, OptionMap.class, ChannelListeners.class, IoUtils.class, io.undertow.UndertowOptions.class,
					DefaultByteBufferPool.class, HttpOpenListener.class, io.undertow.server.protocol.http.HttpRequestParser.class,
					io.undertow.server.protocol.http.HttpServerConnection.class, io.undertow.server.HttpServerExchange.class, io.undertow.server.Connectors.class,
					io.undertow.util.Headers.class, io.undertow.util.Methods.class, io.undertow.util.StatusCodes.class, io.undertow.util.DateUtils.class,
					io.undertow.server.handlers.GracefulShutdownHandler.class, FakeHttpHandler.class, LimitsHandler.class, ParserRefusal.class, Answers.class,
					HttpFields.class, dev.fakeyc.server.internal.answer.ErrorBodies.class, dev.fakeyc.server.internal.answer.RequestIds.class,
					dev.fakeyc.server.internal.journal.MaskedHeaders.class, dev.fakeyc.server.internal.decision.Decider.class }) {
				Class.forName(type.getName(), true, type.getClassLoader());
			}
			// the Date header of the first answer: the JDK's calendar and CLDR locale data, loaded once per JVM
			io.undertow.util.DateUtils.toDateString(new java.util.Date());
		} catch (ClassNotFoundException | RuntimeException | LinkageError e) {
			return; // only a head start: the real start loads the same classes and reports what fails
		}
		ClassLoader loader = HttpListener.class.getClassLoader();
		for (String name : FIRST_REQUEST) {
			try {
				Class.forName(name, true, loader);
			} catch (ClassNotFoundException | RuntimeException | LinkageError e) {
				// the first request loads it itself
			}
		}
	}

	/** The port bound. */
	public int port() {
		return ((InetSocketAddress) channel.getLocalAddress()).getPort();
	}

	/** Stops accepting, closes every connection, and ends the threads, as {@code Undertow.stop()} does. */
	public void stop() {
		IoUtils.safeClose(channel);
		openListener.closeConnections();
		worker.shutdown();
		try {
			if (!worker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
				worker.shutdownNow();
			}
		} catch (InterruptedException e) {
			worker.shutdownNow();
			Thread.currentThread().interrupt();
		}
		buffers.close();
	}
}
