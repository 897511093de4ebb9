package io.citebot.config;

/** A setting has a bad value; the message names the environment variable. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
