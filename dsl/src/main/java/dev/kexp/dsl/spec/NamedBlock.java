package dev.kexp.dsl.spec;

import groovy.lang.Closure;

/** {@code experiment 'name' { ... }}: Groovy reads the name as a method called with the block. */
public record NamedBlock(String name, Closure<?> body) {}
