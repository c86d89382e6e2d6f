package org.journeywarehouse.pii;

/**
 * Where the hashing UDF finds its key on an executor. The driver installs the key here; in
 * local mode executors share the driver's JVM and see it. On a cluster, executors read the
 * same environment variable (set it with spark.executorEnv or a Kubernetes secret), so the key
 * never travels inside a serialized task or a query plan.
 */
final class ExecutorPiiKey {
  private static volatile byte[] installed;

  private ExecutorPiiKey() {}

  static void install(PiiKey key) {
    installed = key.secret();
  }

  static byte[] get() {
    byte[] key = installed;
    if (key == null) {
      synchronized (ExecutorPiiKey.class) {
        if (installed == null) {
          // The one place executors read the process environment: the key must not be shipped.
          String value = System.getenv(PiiKey.ENVIRONMENT_VARIABLE);
          if (value == null || value.isEmpty()) {
            throw new IllegalStateException(
                PiiKey.ENVIRONMENT_VARIABLE + " is not set in this executor's environment");
          }
          installed = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        key = installed;
      }
    }
    return key;
  }
}
