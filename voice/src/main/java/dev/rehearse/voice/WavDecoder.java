package dev.rehearse.voice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a RIFF/WAVE file: integer PCM of 8 (unsigned), 16 or 24 bits, or 32-bit IEEE float, as
 * {@code WAVE_FORMAT_PCM}, {@code WAVE_FORMAT_IEEE_FLOAT} or {@code WAVE_FORMAT_EXTENSIBLE} with
 * one of those subformats; mono or stereo; 8 to 48 kHz; at most {@link #MAX_DURATION_MS} and {@link
 * #MAX_BYTES}. Every other input is rejected with an {@link AudioRejectedException} that says what
 * is wrong:
 *
 * <ul>
 *   <li>{@link MalformedAudioException} (400): not RIFF/WAVE, a chunk runs past the end, no {@code
 *       fmt } or {@code data} chunk, data shorter than its header says, a partial frame;
 *   <li>{@link AudioTooLargeException} (413): more than 50 MB, or a data chunk longer than 10
 *       minutes (checked from the header, before the samples are read);
 *   <li>{@link UnsupportedAudioException} (415): another encoding or bit depth, more than two
 *       channels, a sample rate outside 8–48 kHz.
 * </ul>
 *
 * <p>A data chunk size of {@code 0xFFFFFFFF} (written by recorders that stream before they know the
 * length) means "up to the end of the file".
 */
public final class WavDecoder {

  /** The largest file accepted: 50 MB. */
  public static final int MAX_BYTES = 50 * 1024 * 1024;

  /** The longest audio accepted: 10 minutes. */
  public static final long MAX_DURATION_MS = 10 * 60 * 1000;

  public static final int MIN_SAMPLE_RATE = 8_000;
  public static final int MAX_SAMPLE_RATE = 48_000;

  private static final int WAVE_FORMAT_PCM = 0x0001;
  private static final int WAVE_FORMAT_IEEE_FLOAT = 0x0003;
  private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

  /** The last 14 bytes of every KSDATAFORMAT_SUBTYPE GUID; the first two carry the format tag. */
  private static final byte[] SUBFORMAT_GUID_TAIL = {
    0x00,
    0x00,
    0x00,
    0x00,
    0x10,
    0x00,
    (byte) 0x80,
    0x00,
    0x00,
    (byte) 0xAA,
    0x00,
    0x38,
    (byte) 0x9B,
    0x71
  };

  private WavDecoder() {}

  /** Decodes {@code wav} and mixes its channels down to one. */
  public static DecodedAudio decode(byte[] wav) {
    if (wav.length > MAX_BYTES) {
      throw new AudioTooLargeException(
          "audio is "
              + wav.length
              + " bytes; at most "
              + MAX_BYTES
              + " bytes (50 MB) are accepted");
    }
    if (wav.length < 12) {
      throw new MalformedAudioException(
          "audio is " + wav.length + " bytes, too short for a RIFF/WAVE header (12 bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (!fourCc(wav, 0).equals("RIFF") || !fourCc(wav, 8).equals("WAVE")) {
      throw new MalformedAudioException(
          "not a WAV file: expected \"RIFF\" and \"WAVE\" at bytes 0 and 8, found \""
              + printable(fourCc(wav, 0))
              + "\" and \""
              + printable(fourCc(wav, 8))
              + "\"");
    }

    WavFormat format = null;
    int pos = 12;
    while (pos + 8 <= wav.length) {
      String id = fourCc(wav, pos);
      long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (size < 16 || body + size > wav.length) {
          throw new MalformedAudioException(
              "the fmt chunk is "
                  + size
                  + " bytes"
                  + (size < 16 ? "; at least 16 are needed" : ", past the end of the file"));
        }
        format = readFormat(buf, body, (int) size);
      } else if (id.equals("data")) {
        if (format == null) {
          throw new MalformedAudioException("the data chunk comes before any fmt chunk");
        }
        return readData(wav, format, body, size);
      }
      long next = body + size + (size & 1);
      if (next > wav.length) {
        throw new MalformedAudioException(
            "the \""
                + printable(id)
                + "\" chunk at byte "
                + pos
                + " declares "
                + size
                + " bytes, past the end of the file ("
                + wav.length
                + " bytes): the file is truncated or corrupt");
      }
      pos = (int) next;
    }
    throw new MalformedAudioException(
        format == null ? "no fmt chunk: the file is truncated or not a WAV file" : "no data chunk");
  }

  private static WavFormat readFormat(ByteBuffer buf, int at, int size) {
    int tag = Short.toUnsignedInt(buf.getShort(at));
    int channels = Short.toUnsignedInt(buf.getShort(at + 2));
    long rate = Integer.toUnsignedLong(buf.getInt(at + 4));
    int blockAlign = Short.toUnsignedInt(buf.getShort(at + 12));
    int bits = Short.toUnsignedInt(buf.getShort(at + 14));
    int subTag = tag;
    if (tag == WAVE_FORMAT_EXTENSIBLE) {
      if (size < 40) {
        throw new MalformedAudioException(
            "a WAVE_FORMAT_EXTENSIBLE fmt chunk needs 40 bytes; this one has " + size);
      }
      int validBits = Short.toUnsignedInt(buf.getShort(at + 18));
      subTag = Short.toUnsignedInt(buf.getShort(at + 24));
      for (int i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
        if (buf.get(at + 26 + i) != SUBFORMAT_GUID_TAIL[i]) {
          throw new UnsupportedAudioException(
              "WAVE_FORMAT_EXTENSIBLE with a subformat GUID that is neither PCM nor IEEE float");
        }
      }
      if (validBits != 0 && validBits != bits) {
        throw new UnsupportedAudioException(
            "WAVE_FORMAT_EXTENSIBLE with "
                + validBits
                + " valid bits in "
                + bits
                + "-bit containers; only fully used containers are supported");
      }
    }
    WavFormat.Encoding encoding;
    if (subTag == WAVE_FORMAT_PCM) {
      encoding = WavFormat.Encoding.PCM;
      if (bits != 8 && bits != 16 && bits != 24) {
        throw new UnsupportedAudioException(
            bits + "-bit integer PCM is not supported; use 8, 16 or 24-bit PCM or 32-bit float");
      }
    } else if (subTag == WAVE_FORMAT_IEEE_FLOAT) {
      encoding = WavFormat.Encoding.IEEE_FLOAT;
      if (bits != 32) {
        throw new UnsupportedAudioException(
            bits + "-bit float is not supported; use 32-bit float or 8, 16 or 24-bit PCM");
      }
    } else {
      throw new UnsupportedAudioException(
          String.format(
              "WAV format tag 0x%04X is not supported; use PCM (0x0001) or IEEE float (0x0003)",
              subTag));
    }
    if (channels != 1 && channels != 2) {
      throw new UnsupportedAudioException(
          channels + " channels are not supported; send mono or stereo");
    }
    if (rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
      throw new UnsupportedAudioException(
          "a sample rate of " + rate + " Hz is not supported; send 8000 to 48000 Hz");
    }
    WavFormat format = new WavFormat(encoding, channels, (int) rate, bits);
    if (blockAlign != format.blockAlign()) {
      throw new MalformedAudioException(
          "the fmt chunk's block align is "
              + blockAlign
              + " but "
              + channels
              + " channels of "
              + bits
              + " bits need "
              + format.blockAlign());
    }
    return format;
  }

  private static DecodedAudio readData(byte[] wav, WavFormat format, int at, long declared) {
    int available = wav.length - at;
    long size = declared == 0xFFFFFFFFL ? available : declared;
    long frames = size / format.blockAlign();
    long durationMs = frames * 1000 / format.sampleRate();
    if (durationMs > MAX_DURATION_MS) {
      throw new AudioTooLargeException(
          "the data chunk holds "
              + durationMs / 1000
              + " s of audio; at most "
              + MAX_DURATION_MS / 1000
              + " s (10 minutes) are accepted");
    }
    if (size > available) {
      throw new MalformedAudioException(
          "the data chunk declares "
              + size
              + " bytes but only "
              + available
              + " follow: the file is truncated");
    }
    if (size % format.blockAlign() != 0) {
      throw new MalformedAudioException(
          "the data chunk's "
              + size
              + " bytes are not a whole number of "
              + format.blockAlign()
              + "-byte frames");
    }
    return new DecodedAudio(format, mixDown(wav, at, (int) frames, format));
  }

  private static float[] mixDown(byte[] wav, int at, int frames, WavFormat format) {
    ByteBuffer buf = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    int bytes = format.bitsPerSample() / 8;
    int channels = format.channels();
    float[] mono = new float[frames];
    int p = at;
    for (int i = 0; i < frames; i++) {
      float sum = 0;
      for (int c = 0; c < channels; c++, p += bytes) {
        sum += sample(wav, buf, p, format);
      }
      mono[i] = sum / channels;
    }
    return mono;
  }

  private static float sample(byte[] wav, ByteBuffer buf, int p, WavFormat format) {
    if (format.encoding() == WavFormat.Encoding.IEEE_FLOAT) {
      float v = buf.getFloat(p);
      if (!Float.isFinite(v)) {
        throw new MalformedAudioException("a float sample at byte " + p + " is " + v);
      }
      return v;
    }
    return switch (format.bitsPerSample()) {
      case 8 -> ((wav[p] & 0xFF) - 128) / 128f;
      case 16 -> buf.getShort(p) / 32768f;
      case 24 -> ((wav[p] & 0xFF) | (wav[p + 1] & 0xFF) << 8 | wav[p + 2] << 16) / 8388608f;
      default -> throw new IllegalStateException("bits were validated: " + format);
    };
  }

  private static String fourCc(byte[] b, int at) {
    return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
    }
    return out.toString();
  }
}
