package org.ncer.prompt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How a prompt's templates become the messages of one call. */
sealed interface MessageLayout {

  /** The messages for one call, given the template variables. */
  List<Message> render(Map<String, Object> vars);

  /** A YAML prompt: an optional system message and a user message, each its own template. */
  record Yaml(TemplateText system, TemplateText user) implements MessageLayout {
    @Override
    public List<Message> render(Map<String, Object> vars) {
      List<Message> out = new ArrayList<>(2);
      if (system != null) {
        out.add(Message.system(system.render(vars)));
      }
      out.add(Message.user(user.render(vars)));
      return out;
    }
  }

  /**
   * A benchmark {@code .jinja} template, laid out as the benchmark's {@code create_model_input}
   * does ({@code clinical_ner/models/prompt_templates.py}).
   *
   * @param system for {@link Kind#SYSTEM_AND_USER}, the system message, which depends on no
   *     variable and so is rendered once; null for the other kinds
   */
  record Jinja(TemplateText template, Kind kind, String system) implements MessageLayout {

    /** The layout of {@code template}, its kind read from the variables it mentions. */
    static Jinja of(TemplateText template) {
      Kind kind = Kind.of(template);
      String system =
          kind == Kind.SYSTEM_AND_USER
              ? template.render(Map.of("is_system_instruction", true))
              : null;
      return new Jinja(template, kind, system);
    }

    /** The three shapes of the benchmark's templates. */
    enum Kind {
      /**
       * The template has {@code is_system_instruction} / {@code is_user_instruction} branches: it
       * is rendered twice, the system message with only {@code is_system_instruction} set (so the
       * note and entity are undefined there, as in the benchmark), the user message with {@code
       * is_user_instruction} and the variables. Both messages are always sent.
       */
      SYSTEM_AND_USER,
      /** The template holds the note ({@code text}): one user message. */
      USER,
      /**
       * The template does not mention {@code text} (like {@code llama_70B_ner_v0.1}): it is the
       * system message and the note, verbatim, the user message. The benchmark's code for this
       * shape is not published; this is the reading that sends the note at all.
       */
      INSTRUCTION_THEN_NOTE;

      static Kind of(TemplateText t) {
        if (t.mentions("is_system_instruction") || t.mentions("is_user_instruction")) {
          return SYSTEM_AND_USER;
        }
        return t.mentions("text") ? USER : INSTRUCTION_THEN_NOTE;
      }
    }

    @Override
    public List<Message> render(Map<String, Object> vars) {
      return switch (kind) {
        case SYSTEM_AND_USER -> {
          Map<String, Object> user = new HashMap<>(vars);
          user.put("is_user_instruction", true);
          yield List.of(Message.system(system), Message.user(template.render(user)));
        }
        case USER -> List.of(Message.user(template.render(vars)));
        case INSTRUCTION_THEN_NOTE ->
            List.of(Message.system(template.render(vars)), Message.user((String) vars.get("text")));
      };
    }
  }
}
