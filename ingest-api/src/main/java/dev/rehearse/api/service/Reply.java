package dev.rehearse.api.service;

import java.util.Map;

/** What a use case answers: an HTTP status and a JSON body (none for 204). */
public record Reply(int status, Map<String, Object> body) {}
