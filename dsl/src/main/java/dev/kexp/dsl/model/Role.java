package dev.kexp.dsl.model;

/**
 * What a node does in the experiment; the report groups resources by role, as the second seed does.
 */
public enum Role {
  MASTER,
  WORKER,
  LOADER,
  LOCAL
}
