package dev.fakeyc.server;

import org.apiguardian.api.API;
import java.util.Set;

/**
 * The API-key scopes the cloud knows, and the default set a key made without scopes gets.
 *
 * <p>The names are the real ones (Yandex Cloud docs, {@code iam/concepts/authorization/api-key.md}).
 * A scope the cloud does not know is refused with a message that lists the known ones.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Scopes {
	/** Scope for Foundation Models (YandexGPT text generation, embeddings). */
	public static final String FOUNDATION_MODELS_EXECUTE = "yc.ai.foundationModels.execute";
	/** Scope for YandexART image generation. */
	public static final String IMAGE_GENERATION_EXECUTE = "yc.ai.imageGeneration.execute";
	/** Scope for language models (YandexGPT through the OpenAI-compatible API). */
	public static final String LANGUAGE_MODELS_EXECUTE = "yc.ai.languageModels.execute";
	/** Scope for SpeechKit speech recognition. */
	public static final String SPEECHKIT_STT_EXECUTE = "yc.ai.speechkitStt.execute";
	/** Scope for SpeechKit speech synthesis. */
	public static final String SPEECHKIT_TTS_EXECUTE = "yc.ai.speechkitTts.execute";
	/** Scope for Translate. */
	public static final String TRANSLATE_EXECUTE = "yc.ai.translate.execute";
	/** Scope for Vision OCR and classification. */
	public static final String VISION_EXECUTE = "yc.ai.vision.execute";
	/** Scope for Monitoring: writing and reading metrics. */
	public static final String MONITORING_MANAGE = "yc.monitoring.manage";
	/** Scope for Monitoring: reading metrics. */
	public static final String MONITORING_READ = "yc.monitoring.read";
	/** Scope for Search API. */
	public static final String SEARCH_API_EXECUTE = "yc.search-api.execute";
	/** Scope for invoking Serverless Containers. */
	public static final String CONTAINERS_INVOKE = "yc.serverless.containers.invoke";
	/** Scope for invoking Cloud Functions. */
	public static final String FUNCTIONS_INVOKE = "yc.serverless.functions.invoke";
	/** Scope for running Serverless Workflows. */
	public static final String WORKFLOWS_EXECUTE = "yc.serverless.workflows.execute";

	/** The scopes of a key created without any (docs: {@code _includes/iam/default-scope-list.md}). */
	public static final Set<String> DEFAULT = Set.of(IMAGE_GENERATION_EXECUTE, LANGUAGE_MODELS_EXECUTE,
			SPEECHKIT_STT_EXECUTE, SPEECHKIT_TTS_EXECUTE, TRANSLATE_EXECUTE, VISION_EXECUTE, MONITORING_MANAGE,
			SEARCH_API_EXECUTE, CONTAINERS_INVOKE, FUNCTIONS_INVOKE);

	/** Every scope the real cloud lists. */
	public static final Set<String> KNOWN = Set.of(FOUNDATION_MODELS_EXECUTE, IMAGE_GENERATION_EXECUTE,
			LANGUAGE_MODELS_EXECUTE, SPEECHKIT_STT_EXECUTE, SPEECHKIT_TTS_EXECUTE, TRANSLATE_EXECUTE, VISION_EXECUTE,
			"yc.datasphere.community-projects.manageResource", "yc.logging.write", "yc.managed-ytsaurus.cluster.use",
			MONITORING_MANAGE, MONITORING_READ, "yc.monium.logs.write", "yc.monium.metrics.write",
			"yc.monium.traces.write", "yc.monium.telemetry.write", "yc.postbox.send",
			"yc.cloud-registry.artifacts.manage", "yc.cloud-registry.artifacts.pull",
			"yc.cloud-registry.artifacts.push", SEARCH_API_EXECUTE, CONTAINERS_INVOKE, FUNCTIONS_INVOKE,
			"yc.serverless.mcpGateways.invoke", WORKFLOWS_EXECUTE, "yc.speech-sense.use", "yc.ydb.tables.manage",
			"yc.ydb.topics.manage", "yc.schema-registry.schemas.manage");

	private Scopes() {
	}
}
