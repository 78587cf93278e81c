package dev.kexp.dsl.model;

/** {@code header 'Authorization', secret(...)}: a request header whose value may be secret. */
public record Header(String name, String value, Secret secret) {
  @Override
  public String toString() {
    return name + ": " + (secret != null ? secret : value);
  }
}
