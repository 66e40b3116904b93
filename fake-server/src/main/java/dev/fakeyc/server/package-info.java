/**
 * The embedded fake of Yandex Cloud's API authentication: {@link dev.fakeyc.server.FakeYandexCloud} starts an HTTP
 * server on a random port that checks {@code Authorization} headers (API keys, IAM tokens) as the real cloud does,
 * issues IAM tokens at {@code POST /iam/v1/tokens}, answers catalog routes or a test's stubs, and records every
 * request in its {@link dev.fakeyc.server.Journal}. The credentials, the clock and the subjects are plain values
 * ({@link dev.fakeyc.server.ApiKey}, {@link dev.fakeyc.server.IamToken}, {@link dev.fakeyc.server.FakeClock},
 * {@link dev.fakeyc.server.ServiceAccount}, ...) whose secrets print masked.
 *
 * <p>What the fake answers imitates the real cloud; each imitating member names its source (the Yandex Cloud
 * documentation, or what the real API was seen to answer). Error bodies are byte-exact copies of the real ones.
 *
 * <p>Every public type carries {@link org.apiguardian.api.API @API}: {@code STABLE} types change only compatibly
 * within a major version; {@code EXPERIMENTAL} ones (scripted streaming answers, the control API switch) may still
 * change in a minor one. The packages under {@code dev.fakeyc.server.internal} are not API. The checked-in listing
 * {@code fake-server/api/fakeyc-server.api} is this module's reviewed public API.
 *
 * @since 0.1
 */
package dev.fakeyc.server;
