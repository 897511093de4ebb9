package io.citebot.chat;

/** A request that is well formed but cannot be done in the archive's present state (a door answers 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
