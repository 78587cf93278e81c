package dev.kexp.dsl.model;

/** {@code function 'factorial', image: 'example/factorial:1.0', body: '500'} inside openfaas. */
public record FaasFunction(String name, String image, String body, SourceRef at) {}
