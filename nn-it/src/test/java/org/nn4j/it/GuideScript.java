package org.nn4j.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown guide turned into the bash script that follows it: each fenced block headed
 * {@code ```LANG file=PATH} becomes a command writing that file, each {@code ```shell} block is run as
 * written, in the order they appear; other blocks (illustrations) are left out.
 */
final class GuideScript {
  private static final Pattern FENCE = Pattern.compile("^```(\\S*)(?:\\s+file=(\\S+))?\\s*$");
  private static final String END = "NN4J_GUIDE_FILE_END";

  private GuideScript() {
  }

  /** A block of the guide: its language, the file it is (or {@code null}), and its text. */
  record Block(String language, String file, String text) {
    boolean isCommands() {
      return file == null && language.equals("shell");
    }
  }

  /** The fenced blocks of {@code markdown}, in order. */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches() || open.group(1).isEmpty()) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && !lines[j].equals("```")) {
        text.append(lines[j]).append('\n');
        j++;
      }
      if (j == lines.length) {
        throw new IllegalArgumentException("the code block opened on line " + (i + 1) + " is never closed");
      }
      blocks.add(new Block(open.group(1), open.group(2), text.toString()));
      i = j;
    }
    return blocks;
  }

  /** The script: stops at the first failing command and echoes each command as it runs it. */
  static String of(String markdown) {
    StringBuilder script = new StringBuilder("set -euo pipefail\nset -x\n");
    for (Block b : blocks(markdown)) {
      if (b.file() != null) {
        if (b.text().contains(END)) {
          throw new IllegalArgumentException(b.file() + " contains the script's end marker " + END);
        }
        script.append("mkdir -p \"$(dirname '").append(b.file()).append("')\"\n")
            .append("cat > '").append(b.file()).append("' <<'").append(END).append("'\n")
            .append(b.text()).append(END).append('\n');
      } else if (b.isCommands()) {
        script.append(b.text());
      }
    }
    return script.toString();
  }
}
