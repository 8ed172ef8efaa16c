package org.ncer.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ncer.Json;
import org.ncer.dataset.Checksums;
import org.ncer.model.ChatRequest;
import org.ncer.model.ResponseFormat;
import org.ncer.prompt.Message;

/**
 * The identity of a request for resume and the cache: the SHA-256 of a canonical JSON of everything
 * that changes the answer (model id, endpoint base URL, messages, sampling, format).
 *
 * <p>The canonical form has fixed field order, no white space, and absent values as {@code null}:
 * {@code {"model","base_url","messages":[{"role","content"}],"sampling":{"temperature","seed",
 * "max_tokens"},"format":{"type","name","schema"}}}.
 */
final class RequestHash {
  private RequestHash() {}

  static String of(String model, String baseUrl, ChatRequest request) {
    return Checksums.sha256Hex(canonical(model, baseUrl, request));
  }

  static String canonical(String model, String baseUrl, ChatRequest request) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("model", model);
    n.put("base_url", baseUrl);
    var messages = n.putArray("messages");
    for (Message m : request.messages()) {
      messages.addObject().put("role", m.role()).put("content", m.content());
    }
    ObjectNode sampling = n.putObject("sampling");
    sampling.put("temperature", request.sampling().temperature());
    sampling.put("seed", request.sampling().seed());
    sampling.put("max_tokens", request.sampling().maxTokens());
    ObjectNode format = n.putObject("format");
    ResponseFormat f = request.format();
    if (f instanceof ResponseFormat.JsonSchema s) {
      format.put("type", "json_schema").put("name", s.name()).put("schema", s.schema());
    } else {
      format.put("type", f instanceof ResponseFormat.JsonObject ? "json_object" : "text");
      format.putNull("name").putNull("schema");
    }
    return Json.line(n);
  }
}
