package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The compiled form of a built-in JSON resource (the catalog, the role catalog): what the strict document model read
 * and checked from the JSON, written once at build time ({@code CompileBuiltIns}, in the build's
 * {@code process-classes} phase) as plain values, and read back at startup without Jackson's databind, whose classes
 * and record introspection were most of a cold start before the first answer. The JSON stays the source and the
 * document model its only reader: a compiled form is used only when it was made from the very JSON beside it.
 *
 * <p>Layout ({@link DataOutputStream}, big-endian): the text {@code fakeyc-compiled}, the form's version, the source's
 * length and CRC-32, then the owner's values: a number is 4 bytes; a flag 1 byte; a text its UTF-8 length (−1 for
 * null) and bytes; a list of texts its size and texts.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class CompiledForm {
	private static final String MAGIC = "fakeyc-compiled";
	/** Raised whenever a writer's layout changes: a form of another version is ignored, as a stale one is. */
	private static final int VERSION = 2; // 2: a response's gRPC method

	private CompiledForm() {
	}

	/**
	 * Reads a resource of the jar whole.
	 *
	 * @param name the resource's absolute name, such as {@code /dev/fakeyc/server/catalog.json}
	 * @return its bytes, or null when the jar has no such resource
	 * @throws UncheckedIOException if it cannot be read
	 */
	public static byte[] resource(String name) {
		try (InputStream in = CompiledForm.class.getResourceAsStream(name)) {
			return in == null ? null : in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read the built-in resource " + name, e);
		}
	}

	/**
	 * Reads a resource the jar must hold (a built-in catalog's JSON) whole.
	 *
	 * @param name the resource's absolute name, such as {@code /dev/fakeyc/server/catalog.json}
	 * @param what what it is, for the message, such as {@code catalog}
	 * @return its bytes
	 * @throws IllegalStateException if the jar has no such resource (a broken build)
	 * @throws UncheckedIOException  if it cannot be read
	 */
	public static byte[] builtIn(String name, String what) {
		byte[] bytes = resource(name);
		if (bytes == null) {
			throw new IllegalStateException("the built-in " + what + " " + name + " is missing from the jar");
		}
		return bytes;
	}

	/** Writes one compiled form: its header, then the owner's values in the owner's order. */
	public static final class Writer {
		private final DataOutputStream out;

		/**
		 * Starts a form made from {@code source}, writing its header.
		 *
		 * @param out    where the form goes
		 * @param source the JSON the form is made from, byte for byte as the jar holds it
		 * @throws UncheckedIOException if {@code out} fails
		 */
		public Writer(OutputStream out, byte[] source) {
			this.out = new DataOutputStream(out);
			try {
				this.out.writeUTF(MAGIC);
				this.out.writeInt(VERSION);
				this.out.writeInt(source.length);
				this.out.writeLong(crc(source));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		/**
		 * A text.
		 *
		 * @param text the text, or null
		 * @return this writer
		 */
		public Writer text(String text) {
			try {
				if (text == null) {
					out.writeInt(-1);
				} else {
					byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
					out.writeInt(bytes.length);
					out.write(bytes);
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return this;
		}

		/**
		 * A list of texts, in their iteration order.
		 *
		 * @param texts the texts, none null
		 * @return this writer
		 */
		public Writer texts(Collection<String> texts) {
			number(texts.size());
			texts.forEach(this::text);
			return this;
		}

		/**
		 * A number (a count, a status, an index).
		 *
		 * @param number the number
		 * @return this writer
		 */
		public Writer number(int number) {
			try {
				out.writeInt(number);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return this;
		}

		/**
		 * A flag.
		 *
		 * @param flag the flag
		 * @return this writer
		 */
		public Writer flag(boolean flag) {
			try {
				out.writeBoolean(flag);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return this;
		}

		/**
		 * Writes out what is buffered.
		 *
		 * @throws UncheckedIOException if the stream fails
		 */
		public void flush() {
			try {
				out.flush();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	/** Reads one compiled form's values, in the order they were written. */
	public static final class Reader {
		private final DataInputStream in;

		private Reader(DataInputStream in) {
			this.in = in;
		}

		/**
		 * Opens a compiled form if it was made from {@code source} by this version of the fake.
		 *
		 * @param compiled the form's bytes, or null when the jar has none
		 * @param source   the JSON beside it, byte for byte
		 * @return a reader positioned after the header, or null when there is no form, or it is of another version or
		 *         made from other JSON (the caller then reads the JSON)
		 */
		public static Reader open(byte[] compiled, byte[] source) {
			if (compiled == null) {
				return null;
			}
			DataInputStream in = new DataInputStream(new ByteArrayInputStream(compiled));
			try {
				if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION || in.readInt() != source.length || in.readLong() != crc(source)) {
					return null;
				}
			} catch (IOException e) {
				return null; // not a form at all: read the JSON
			}
			return new Reader(in);
		}

		/**
		 * The next text.
		 *
		 * @return the text, or null when null was written
		 * @throws IllegalStateException if the form ends early (a build defect)
		 */
		public String text() {
			try {
				int length = in.readInt();
				if (length < 0) {
					return null;
				}
				return new String(in.readNBytes(length), StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw truncated(e);
			}
		}

		/**
		 * The next list of texts.
		 *
		 * @return the texts, in the order written
		 * @throws IllegalStateException if the form ends early (a build defect)
		 */
		public List<String> texts() {
			int size = number();
			List<String> texts = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				texts.add(text());
			}
			return texts;
		}

		/**
		 * The next number.
		 *
		 * @return the number
		 * @throws IllegalStateException if the form ends early (a build defect)
		 */
		public int number() {
			try {
				return in.readInt();
			} catch (IOException e) {
				throw truncated(e);
			}
		}

		/**
		 * The next flag.
		 *
		 * @return the flag
		 * @throws IllegalStateException if the form ends early (a build defect)
		 */
		public boolean flag() {
			try {
				return in.readBoolean();
			} catch (IOException e) {
				throw truncated(e);
			}
		}

		private static IllegalStateException truncated(IOException e) {
			return new IllegalStateException("a compiled built-in resource ends early; rebuild the jar", e);
		}
	}

	private static long crc(byte[] source) {
		CRC32 crc = new CRC32();
		crc.update(source);
		return crc.getValue();
	}
}
