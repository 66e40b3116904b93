package dev.fakeyc.server.internal.grpc;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written protobuf wire format against bytes protobuf-java itself writes, and against malformed input. */
class ProtoWireTest {
	@Test
	void writesTheBytesProtobufWritesForTheIamTokenResponse() {
		// CreateIamTokenResponse{iam_token="t1.abc", expires_at=Timestamp{seconds=1900000000}} as the SDK's genproto encodes it
		byte[] written = new ProtoWriter().string(1, "t1.abc").message(2, new ProtoWriter().int64(1, 1_900_000_000L)).toByteArray();

		assertThat(HexFormat.of().formatHex(written)).isEqualTo("0a0674312e61626312060880e6fe8907");
	}

	@Test
	void skipsDefaultsAndKeepsPresentEmptyMessages() {
		byte[] written = new ProtoWriter().string(1, "").int64(2, 0).bool(3, false).message(4, new ProtoWriter()).bool(6, true).toByteArray();

		assertThat(HexFormat.of().formatHex(written)).isEqualTo("22003001");
	}

	@Test
	void theRefusalsStatusDetailsAreTheNestedMessagesBytesWrittenInOnePass() {
		// google.rpc.Status{code, message, details: Any{type_url, value: RequestInfo{request_id}}}, sized first: lengths of
		// one and two varint bytes, text beyond ASCII, and the defaults protobuf leaves out
		String id = "0f8b1a52-7c1e-4e0a-9b3d-2a6c5e4f1d00";
		for (String message : new String[]{ "The token is invalid", "x".repeat(200), "Папка не найдена", "" }) {
			for (int code : new int[]{ 16, 3, 0 }) {
				ProtoWriter requestInfo = new ProtoWriter().string(1, id);
				ProtoWriter any = new ProtoWriter().string(1, "type.googleapis.com/google.rpc.RequestInfo").message(2, requestInfo);
				byte[] nested = new ProtoWriter().int64(1, code).string(2, message).message(3, any).toByteArray();

				assertThat(GrpcAnswering.statusDetails(code, message, id)).as("code %d, message %s", code, message).isEqualTo(nested);
			}
		}
		assertThat(GrpcAnswering.statusDetails(16, "m", "")).isEqualTo(new ProtoWriter().int64(1, 16).string(2, "m")
				.message(3, new ProtoWriter().string(1, "type.googleapis.com/google.rpc.RequestInfo").message(2, new ProtoWriter())).toByteArray());
	}

	@Test
	void aFixedWriterRefusesASizeThatCameOutWrong() {
		ProtoWriter.Fixed out = new ProtoWriter.Fixed(3).tag(1, ProtoWriter.VARINT).varint(1);

		assertThatThrownBy(out::array).isInstanceOf(IllegalStateException.class).hasMessage("sized 3 bytes, wrote 2");
		assertThat(ProtoWriter.varintSize(127)).isEqualTo(1);
		assertThat(ProtoWriter.varintSize(128)).isEqualTo(2);
		assertThat(ProtoWriter.varintSize(-1)).isEqualTo(10);
	}

	@Test
	void readsNestedStringsRepeatedValuesAndSkipsOtherWireTypes() throws Exception {
		byte[] message = new ProtoWriter().int64(5, 300).message(2, new ProtoWriter().string(1, "b1gfolder")).string(3, "a").string(3, "b")
				.toByteArray();
		byte[] withFixed = concat(new byte[]{ 0x09, 1, 2, 3, 4, 5, 6, 7, 8, 0x15, 1, 2, 3, 4 }, message); // field 1 fixed64, field 2 fixed32

		assertThat(ProtoReader.string(withFixed, new int[]{ 2, 1 })).isEqualTo("b1gfolder");
		assertThat(ProtoReader.string(withFixed, new int[]{ 3 })).isEqualTo("b"); // last one wins
		assertThat(ProtoReader.all(withFixed, 3)).extracting(String::new).containsExactly("a", "b");
		assertThat(ProtoReader.string(withFixed, new int[]{ 4 })).isNull();
	}

	@Test
	void malformedBytesAreReportedNotMisread() {
		assertThatThrownBy(() -> ProtoReader.string(new byte[]{ 0x0a, 0x7f, 0x01 }, new int[]{ 1 })).isInstanceOf(ProtoReader.Malformed.class)
				.hasMessageContaining("runs past the message's end");
		assertThatThrownBy(() -> ProtoReader.string(new byte[]{ 0x08, (byte) 0x80 }, new int[]{ 1 })).isInstanceOf(ProtoReader.Malformed.class)
				.hasMessageContaining("varint");
		assertThatThrownBy(() -> ProtoReader.string(new byte[]{ 0x0b }, new int[]{ 1 })).isInstanceOf(ProtoReader.Malformed.class)
				.hasMessageContaining("wire type 3");
		assertThatThrownBy(() -> ProtoReader.string(new byte[]{ 0x00 }, new int[]{ 1 })).isInstanceOf(ProtoReader.Malformed.class)
				.hasMessageContaining("field number 0");
	}

	@Test
	void fieldPathsAreCheckedWhenParsed() {
		assertThat(ProtoReader.path("2.1")).containsExactly(2, 1);
		assertThatThrownBy(() -> ProtoReader.path("0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like 1 or 2.1");
		assertThatThrownBy(() -> ProtoReader.path("a.1")).isInstanceOf(IllegalArgumentException.class);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = new byte[a.length + b.length];
		System.arraycopy(a, 0, all, 0, a.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}
}
