package io.citebot.chat;

/** A request from outside is not acceptable; the message says why, in words for the caller. */
public final class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }
}
