package org.journeywarehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** bin/journey starts Spark without spark-submit, so it must carry Spark's own module flags. */
class JavaModuleOptionsTest {
  @Test
  void launcherFlagsEqualSparksOwnList() throws Exception {
    List<String> spark =
        Arrays.asList(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split("\\s+"));
    String script = Files.readString(Path.of("..", "bin", "journey"));
    List<String> launcher =
        Pattern.compile("^\\s+(-XX:\\S+|--add-opens=\\S+|-Djdk\\S+)$", Pattern.MULTILINE)
            .matcher(script)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(launcher).containsExactlyInAnyOrderElementsOf(spark);
  }
}
