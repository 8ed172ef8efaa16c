package org.ncer.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.tree.TagNode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The limits of one template render that Jinjava's own settings do not give: a budget of loop
 * iterations shared by all loops of the render, and file reads confined to the prompt's folder.
 *
 * <p>A render runs on one thread from start to end, so its state is kept per thread between {@link
 * #begin} and {@link #end}.
 */
final class Sandbox {
  private Sandbox() {}

  /** The state of the render running on this thread. */
  static final class Render {
    private final Path folder;
    private int iterations;
    private boolean loopLimitReached;

    private Render(Path folder) {
      this.folder = folder;
    }

    /** Whether the render stopped its loops at {@link TemplateText#MAX_LOOP_ITERATIONS}. */
    boolean loopLimitReached() {
      return loopLimitReached;
    }

    /** Takes one iteration from the budget; false, for every loop, once it is spent. */
    private boolean take() {
      if (loopLimitReached) {
        return false;
      }
      if (++iterations > TemplateText.MAX_LOOP_ITERATIONS) {
        loopLimitReached = true;
        return false;
      }
      return true;
    }
  }

  private static final ThreadLocal<Render> CURRENT = new ThreadLocal<>();

  static Render begin(Path folder) {
    Render r = new Render(folder);
    CURRENT.set(r);
    return r;
  }

  static void end() {
    CURRENT.remove();
  }

  /**
   * Jinjava's {@code for} tag over a collection whose iterator draws on the render's budget: once
   * the budget is spent every loop ends, the outer ones included, so a nest of {@code range(1000)}
   * loops stops after the budget rather than after a billion iterations.
   */
  static final class BoundedForTag extends ForTag {
    private static final long serialVersionUID = 1L;

    @Override
    public String renderForCollection(
        TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars, Object collection) {
      Render render = CURRENT.get();
      Object bounded = collection;
      if (render != null) {
        if (collection instanceof Collection<?> c) {
          bounded = new Budgeted(c, render);
        } else if (collection instanceof Object[] array) {
          bounded = new Budgeted(Arrays.asList(array), render);
        }
      }
      return super.renderForCollection(tagNode, interpreter, loopVars, bounded);
    }
  }

  /** A view of a collection whose iterator ends when the render's loop budget is spent. */
  private static final class Budgeted extends AbstractCollection<Object> {
    private final Collection<?> items;
    private final Render render;

    Budgeted(Collection<?> items, Render render) {
      this.items = items;
      this.render = render;
    }

    @Override
    public int size() {
      return items.size();
    }

    @Override
    public Iterator<Object> iterator() {
      Iterator<?> it = items.iterator();
      return new Iterator<>() {
        private boolean taken;

        @Override
        public boolean hasNext() {
          if (!it.hasNext()) {
            return false;
          }
          if (!taken) {
            taken = render.take();
          }
          return taken;
        }

        @Override
        public Object next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          taken = false;
          return it.next();
        }
      };
    }
  }

  /**
   * Reads {@code {% include %}} and {@code {% import %}} files from the rendering prompt's own
   * folder only: never from the class path, never through {@code ..} or a link out of the folder.
   */
  static final class FolderLocator implements ResourceLocator {
    @Override
    public String getString(String name, Charset encoding, JinjavaInterpreter interpreter)
        throws IOException {
      Render render = CURRENT.get();
      Path folder = render == null ? null : render.folder;
      if (folder == null) {
        throw new ResourceNotFoundException(
            "'" + name + "' cannot be included: this prompt may not read other files");
      }
      Path root = folder.toRealPath();
      Path file = root.resolve(name).normalize();
      if (!file.startsWith(root)
          || !Files.isRegularFile(file)
          || !file.toRealPath().startsWith(root)) {
        throw new ResourceNotFoundException(
            "'" + name + "' is not a file in the prompt's folder " + folder);
      }
      return Files.readString(file, encoding);
    }
  }
}
