package dev.fakeyc.bench;

import dev.fakeyc.server.FakeYandexCloud;

import java.util.Arrays;

/**
 * Embedded start-up and shut-down in a warm JVM: {@code create().start()} then {@code close()}, many
 * times after a warm-up. Prints one line per measure: {@code name median p90 p99 min} in milliseconds.
 *
 * <pre>StartStopMain --warmup 200 --cycles 200 [--grpc true]</pre>
 * With {@code --grpc true} each cycle builds the fake with {@code grpc(0)}: the gRPC front starts and stops with it
 * (bench/grpc.sh compares the two).
 */
public final class StartStopMain {
	private StartStopMain() {
	}

	public static void main(String[] args) {
		Args a = Args.parse(args);
		int warmup = a.intValue("--warmup", 200);
		int cycles = a.intValue("--cycles", 200);
		boolean grpc = Boolean.parseBoolean(a.value("--grpc", "false"));
		for (int i = 0; i < warmup; i++) {
			cycle(new long[3], grpc);
		}
		long[] create = new long[cycles];
		long[] start = new long[cycles];
		long[] close = new long[cycles];
		long[] total = new long[cycles];
		for (int i = 0; i < cycles; i++) {
			long[] t = new long[3];
			cycle(t, grpc);
			create[i] = t[0];
			start[i] = t[1];
			close[i] = t[2];
			total[i] = t[0] + t[1] + t[2];
		}
		print("create+start+close", total);
		print("create", create);
		print("start", start);
		print("close", close);
	}

	private static void cycle(long[] t, boolean grpc) {
		long t0 = System.nanoTime();
		FakeYandexCloud cloud = grpc ? FakeYandexCloud.builder().grpc(0).build() : FakeYandexCloud.create();
		long t1 = System.nanoTime();
		cloud.start();
		long t2 = System.nanoTime();
		cloud.close();
		long t3 = System.nanoTime();
		t[0] = t1 - t0;
		t[1] = t2 - t1;
		t[2] = t3 - t2;
	}

	private static void print(String name, long[] nanos) {
		long[] s = nanos.clone();
		Arrays.sort(s);
		System.out.printf("%s %.2f %.2f %.2f %.2f%n", name, ms(pct(s, 50)), ms(pct(s, 90)), ms(pct(s, 99)), ms(s[0]));
	}

	static long pct(long[] sorted, int p) {
		int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}
}
