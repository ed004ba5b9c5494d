package io.qdse.simulator.io;

import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a user's text file as UTF-8, strictly: a file that is not UTF-8 text (a binary, a Latin-1 export) is refused
 * with the file, the line and the byte offset of the first bad byte, and a missing, unreadable or directory path with
 * the option it came from — never an "Input length = 1" from the decoder. A UTF-8 byte-order mark is dropped.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * @param file  the file
     * @param field the option or file field the path came from, for errors
     * @return the file's text without a leading byte-order mark
     */
    public static String read(Path file, String field) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(field, file, "a file (this is a folder)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(field, file, "an existing file (no such file)");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(field, file, "a readable file (permission denied)");
        } catch (IOException e) {
            throw new InvalidInputException(field, file, "a readable file (" + e.getMessage() + ")");
        }
        return decode(bytes, file.toString());
    }

    /** Decodes UTF-8 strictly; {@code source} names the bytes in errors. */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = d.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new InvalidInputException(source + " line " + line, String.format("byte 0x%02X at offset %d",
                    bytes[bad] & 0xFF, bad), "UTF-8 text (this file is binary or in another encoding)");
        }
        if (text.indexOf('\0') >= 0) {
            int nul = text.indexOf('\0');
            long line = text.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
            throw new InvalidInputException(source + " line " + line, "a NUL character", "text (this file is binary)");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** @return the offset of the first byte that does not start or continue a valid UTF-8 sequence */
    private static int firstBadByte(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int n = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : -1;
            if (n < 0 || i + n >= b.length) {
                return i; // not a lead byte, or a sequence cut off by the end of the file
            }
            for (int k = 1; k <= n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return Math.max(0, b.length - 1);
    }
}
