package dev.fakeyc.server.internal.catalog;

import org.apiguardian.api.API;

import dev.fakeyc.server.StreamChunk;
import dev.fakeyc.server.StreamScript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The built-in catalog's routes in their {@link CompiledForm}: written at build time from the routes
 * {@link CatalogLoader#parse} built and checked, read back at startup into equal routes (the same services and
 * resources, each one object shared by its routes, as the JSON gives them) without Jackson's databind.
 *
 * <p>Values: the services, then the resources, each once; then per route the indexes of its service and resource, its
 * method, path, response (status, headers, body as written), error style, stream (if any) and refusals.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class CompiledCatalog {
	private CompiledCatalog() {
	}

	/**
	 * Writes routes.
	 *
	 * @param routes the routes, as {@link CatalogLoader#parse} built them
	 * @param out    the form, its header written
	 */
	public static void write(List<Route> routes, CompiledForm.Writer out) {
		Map<Service, Integer> services = new IdentityHashMap<>();
		Map<Resource, Integer> resources = new IdentityHashMap<>();
		List<Service> serviceList = new ArrayList<>();
		List<Resource> resourceList = new ArrayList<>();
		for (Route r : routes) {
			if (services.putIfAbsent(r.service(), services.size()) == null) {
				serviceList.add(r.service());
			}
			if (resources.putIfAbsent(r.resource(), resources.size()) == null) {
				resourceList.add(r.resource());
			}
		}
		out.number(serviceList.size());
		for (Service s : serviceList) {
			out.text(s.id()).texts(s.hosts()).flag(s.hostOnly()).text(s.errorStyle().name()).text(s.folderRule().name());
			folderSources(s.folderSources(), out);
			folderSources(s.folderUris(), out);
			out.flag(s.unknownBearerAsApiKey());
		}
		out.number(resourceList.size());
		for (Resource r : resourceList) {
			// sorted where the model keeps no order (Set.copyOf, Map.copyOf): the same JSON gives the same bytes, build after build
			out.text(r.id()).flag(r.apiKey()).flag(r.apiKeyAsBearer()).texts(new TreeSet<>(r.scopes())).flag(r.anonymous()).texts(r.grpcMethods());
		}
		out.number(routes.size());
		for (Route r : routes) {
			out.number(services.get(r.service())).number(resources.get(r.resource())).text(r.method()).text(r.path().toString());
			ResponseTemplate response = r.response();
			out.number(response.status()).number(response.headers().size());
			new TreeMap<>(response.headers()).forEach((name, value) -> out.text(name).text(value));
			out.text(response.body()).text(r.errorStyle().name()).flag(r.stream() != null);
			if (r.stream() != null) {
				stream(r.stream(), out);
			}
			out.number(r.refusals().size());
			for (RouteRefusal refusal : r.refusals()) {
				out.text(refusal.field()).text(refusal.equals()).number(refusal.status()).number(refusal.grpcCode()).text(refusal.message());
			}
		}
		out.flush();
	}

	/**
	 * Reads routes written by {@link #write}.
	 *
	 * @param in the form, after its header
	 * @return the routes, in the order written
	 * @throws IllegalStateException if the form ends early (a build defect)
	 */
	public static List<Route> read(CompiledForm.Reader in) {
		List<Service> services = new ArrayList<>();
		for (int i = in.number(); i > 0; i--) {
			services.add(new Service(in.text(), in.texts(), in.flag(), ErrorStyle.valueOf(in.text()), FolderRule.valueOf(in.text()), folderSources(in),
					folderSources(in), in.flag()));
		}
		List<Resource> resources = new ArrayList<>();
		for (int i = in.number(); i > 0; i--) {
			resources.add(new Resource(in.text(), in.flag(), in.flag(), new LinkedHashSet<>(in.texts()), in.flag(), in.texts()));
		}
		int count = in.number();
		List<Route> routes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Service service = services.get(in.number());
			Resource resource = resources.get(in.number());
			String method = in.text();
			PathTemplate path = PathTemplate.parse(in.text());
			int status = in.number();
			Map<String, String> headers = new LinkedHashMap<>();
			for (int h = in.number(); h > 0; h--) {
				headers.put(in.text(), in.text());
			}
			ResponseTemplate response = new ResponseTemplate(status, headers, in.text());
			ErrorStyle style = ErrorStyle.valueOf(in.text());
			StreamSpec stream = in.flag() ? stream(in) : null;
			List<RouteRefusal> refusals = new ArrayList<>();
			for (int f = in.number(); f > 0; f--) {
				refusals.add(new RouteRefusal(in.text(), in.text(), in.number(), in.number(), in.text()));
			}
			routes.add(new Route(service, resource, method, path, response, style, stream, refusals));
		}
		return routes;
	}

	private static void folderSources(List<FolderSource> sources, CompiledForm.Writer out) {
		out.number(sources.size());
		for (FolderSource s : sources) {
			out.text(s.kind().name()).text(s.name());
		}
	}

	private static List<FolderSource> folderSources(CompiledForm.Reader in) {
		List<FolderSource> sources = new ArrayList<>();
		for (int i = in.number(); i > 0; i--) {
			sources.add(new FolderSource(FolderSource.Kind.valueOf(in.text()), in.text()));
		}
		return sources;
	}

	// chunk kinds, as written
	private static final int TEXT = 0;
	private static final int TOOL_CALL = 1;
	private static final int FINISH = 2;
	private static final int USAGE = 3;

	private static void stream(StreamSpec spec, CompiledForm.Writer out) {
		out.text(spec.format().name()).text(spec.when()).text(spec.grpcMethod());
		StreamScript script = spec.script();
		out.number(script.chunks().size());
		for (StreamChunk chunk : script.chunks()) {
			if (chunk instanceof StreamChunk.Text t) {
				out.number(TEXT).text(t.text());
			} else if (chunk instanceof StreamChunk.ToolCall c) {
				out.number(TOOL_CALL).text(c.id()).text(c.name()).text(c.arguments());
			} else if (chunk instanceof StreamChunk.Finish f) {
				out.number(FINISH).text(f.reason());
			} else if (chunk instanceof StreamChunk.Usage u) {
				out.number(USAGE).number(u.promptTokens()).number(u.completionTokens());
			} else {
				throw new IllegalStateException("a stream chunk the compiled form does not know: " + chunk.getClass().getName());
			}
		}
		// a pause is at most a minute (StreamScript's check): its milliseconds fit a number
		out.number(Math.toIntExact(script.pause().toMillis())).number(script.pause().toNanosPart() % 1_000_000).number(script.breakOffAfter());
	}

	private static StreamSpec stream(CompiledForm.Reader in) {
		StreamFormat format = StreamFormat.valueOf(in.text());
		String when = in.text();
		String grpc = in.text();
		List<StreamChunk> chunks = new ArrayList<>();
		for (int i = in.number(); i > 0; i--) {
			int kind = in.number();
			chunks.add(switch (kind) {
				case TEXT -> new StreamChunk.Text(in.text());
				case TOOL_CALL -> new StreamChunk.ToolCall(in.text(), in.text(), in.text());
				case FINISH -> new StreamChunk.Finish(in.text());
				case USAGE -> new StreamChunk.Usage(in.number(), in.number());
				default -> throw new IllegalStateException("a compiled stream chunk of unknown kind " + kind + "; rebuild the jar");
			});
		}
		Duration pause = Duration.ofMillis(in.number()).plusNanos(in.number());
		return new StreamSpec(format, when, new StreamScript(chunks, pause, in.number()), grpc);
	}
}
