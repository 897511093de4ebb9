package io.citebot.answer;

/** Where a streamed answer's text goes as it is generated. */
public interface AnswerStream {

    /** A piece of the answer's text, in order. */
    void token(String text);

    /** True once the receiver has gone away; generation should stop. */
    boolean cancelled();
}
