package dev.rehearse.voice;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes an Ogg Opus file (RFC 7845), what LiveKit egress writes for audio-only recordings: the
 * Ogg pages of the first logical stream (each page's CRC checked), its {@code OpusHead} and {@code
 * OpusTags} headers, then its audio packets, decoded by Concentus to 48 kHz 16-bit PCM and mixed
 * down to mono. The header's pre-skip is dropped from the start, the output gain applied, and the
 * end trimmed to the last page's granule position. The limits are {@link WavDecoder}'s: at most
 * {@link WavDecoder#MAX_BYTES} and {@link WavDecoder#MAX_DURATION_MS}; decoding stops at the
 * duration limit.
 *
 * <ul>
 *   <li>{@link MalformedAudioException} (400): a page that is not {@code OggS}, runs past the end
 *       or fails its CRC, a packet that does not continue, a missing or short header, no
 *       end-of-stream page (a truncated file), an audio packet Opus cannot decode;
 *   <li>{@link AudioTooLargeException} (413): more than 50 MB or 10 minutes;
 *   <li>{@link UnsupportedAudioException} (415): Ogg holding another codec (Vorbis, FLAC, ...), a
 *       channel mapping family other than 0 (more than two channels).
 * </ul>
 */
public final class OggOpusDecoder {

  /** Opus decodes to 48 kHz whatever the input rate was. */
  public static final int SAMPLE_RATE = 48_000;

  /** The longest Opus packet: 120 ms at 48 kHz. */
  private static final int MAX_PACKET_SAMPLES = 5_760;

  private static final long MAX_SAMPLES = WavDecoder.MAX_DURATION_MS * SAMPLE_RATE / 1000;
  private static final int PAGE_HEADER = 27;
  private static final int CONTINUED = 0x01;
  private static final int END_OF_STREAM = 0x04;
  private static final int[] CRC_TABLE = crcTable();

  private OggOpusDecoder() {}

  /** Whether {@code bytes} start with an Ogg page's capture pattern. */
  public static boolean isOgg(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 'O'
        && bytes[1] == 'g'
        && bytes[2] == 'g'
        && bytes[3] == 'S';
  }

  /** Decodes {@code ogg} and mixes its channels down to one. */
  public static DecodedAudio decode(byte[] ogg) {
    if (ogg.length > WavDecoder.MAX_BYTES) {
      throw new AudioTooLargeException(
          "audio is " + ogg.length + " bytes; at most " + WavDecoder.MAX_BYTES + " bytes (50 MB)");
    }
    Stream stream = packets(ogg);
    if (stream.packets.size() < 2) {
      throw new MalformedAudioException(
          "the Ogg stream has " + stream.packets.size() + " packets; OpusHead and OpusTags needed");
    }
    Head head = head(stream.packets.get(0));
    if (!startsWith(stream.packets.get(1), "OpusTags")) {
      throw new MalformedAudioException("the second packet of the Ogg stream is not OpusTags");
    }
    if (stream.lastGranule >= 0 && stream.lastGranule - head.preSkip > MAX_SAMPLES) {
      throw tooLong(stream.lastGranule - head.preSkip);
    }
    float[] mono = decodeAudio(stream.packets.subList(2, stream.packets.size()), head);
    int start = Math.min(head.preSkip, mono.length);
    long end = mono.length;
    if (stream.lastGranule >= 0) {
      end = Math.max(start, Math.min(end, stream.lastGranule));
    }
    if (end - start > MAX_SAMPLES) {
      throw tooLong(end - start);
    }
    return new DecodedAudio(
        new WavFormat(WavFormat.Encoding.PCM, head.channels, SAMPLE_RATE, 16),
        Arrays.copyOfRange(mono, start, (int) end));
  }

  private record Head(int channels, int preSkip, long inputRate, float gain) {}

  private record Stream(List<byte[]> packets, long lastGranule) {}

  /** The packets of the stream of the first page, and the granule position of its last page. */
  private static Stream packets(byte[] ogg) {
    if (!isOgg(ogg)) {
      throw new MalformedAudioException("not an Ogg file: no \"OggS\" at byte 0");
    }
    ByteBuffer buf = ByteBuffer.wrap(ogg).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> packets = new ArrayList<>();
    java.io.ByteArrayOutputStream partial = null;
    if (ogg.length < PAGE_HEADER) {
      throw new MalformedAudioException(
          "audio is " + ogg.length + " bytes, too short for an Ogg page header (27 bytes)");
    }
    int serial = buf.getInt(14); // the first page's stream; pages of other streams are skipped
    long lastGranule = -1;
    boolean ended = false;
    int pos = 0;
    while (pos < ogg.length && !ended) {
      if (pos + PAGE_HEADER > ogg.length) {
        throw new MalformedAudioException("the Ogg page at byte " + pos + " is truncated");
      }
      if (!(ogg[pos] == 'O' && ogg[pos + 1] == 'g' && ogg[pos + 2] == 'g' && ogg[pos + 3] == 'S')) {
        throw new MalformedAudioException("no Ogg page (\"OggS\") at byte " + pos);
      }
      if (ogg[pos + 4] != 0) {
        throw new MalformedAudioException("Ogg version " + ogg[pos + 4] + " at byte " + pos);
      }
      int flags = ogg[pos + 5];
      long granule = buf.getLong(pos + 6);
      int pageSerial = buf.getInt(pos + 14);
      int segments = ogg[pos + 26] & 0xFF;
      int body = pos + PAGE_HEADER + segments;
      if (body > ogg.length) {
        throw new MalformedAudioException("the Ogg page at byte " + pos + " is truncated");
      }
      int bodySize = 0;
      for (int i = 0; i < segments; i++) {
        bodySize += ogg[pos + PAGE_HEADER + i] & 0xFF;
      }
      int next = body + bodySize;
      if (next > ogg.length) {
        throw new MalformedAudioException(
            "the Ogg page at byte " + pos + " runs past the end of the file: it is truncated");
      }
      if (crc(ogg, pos, next) != buf.getInt(pos + 22)) {
        throw new MalformedAudioException("the Ogg page at byte " + pos + " fails its CRC check");
      }
      if (pageSerial == serial) {
        boolean continued = (flags & CONTINUED) != 0;
        if (continued != (partial != null)) {
          throw new MalformedAudioException(
              "the Ogg page at byte "
                  + pos
                  + (continued ? " continues a packet that was not begun" : " drops a packet"));
        }
        int p = body;
        for (int i = 0; i < segments; i++) {
          int lacing = ogg[pos + PAGE_HEADER + i] & 0xFF;
          if (partial == null) {
            partial = new java.io.ByteArrayOutputStream();
          }
          partial.write(ogg, p, lacing);
          p += lacing;
          if (lacing < 255) {
            packets.add(partial.toByteArray());
            partial = null;
          }
        }
        if (granule != -1) {
          lastGranule = granule;
        }
        ended = (flags & END_OF_STREAM) != 0;
      }
      pos = next;
    }
    if (!ended) {
      throw new MalformedAudioException(
          "the Ogg stream has no end-of-stream page: the file is truncated");
    }
    if (partial != null) {
      throw new MalformedAudioException("the last Ogg packet is not finished");
    }
    return new Stream(packets, lastGranule);
  }

  private static Head head(byte[] packet) {
    if (!startsWith(packet, "OpusHead")) {
      String codec =
          startsWith(packet, "\u0001vorbis")
              ? "Vorbis"
              : startsWith(packet, "\u007FFLAC") ? "FLAC" : "not Opus";
      throw new UnsupportedAudioException(
          "the Ogg file holds " + codec + "; only Ogg Opus (or WAV) is accepted");
    }
    if (packet.length < 19) {
      throw new MalformedAudioException("the OpusHead header is " + packet.length + " bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
    int version = packet[8] & 0xFF;
    int channels = packet[9] & 0xFF;
    int preSkip = Short.toUnsignedInt(buf.getShort(10));
    long inputRate = Integer.toUnsignedLong(buf.getInt(12));
    short gainQ8 = buf.getShort(16);
    int family = packet[18] & 0xFF;
    if (version >> 4 != 0) {
      throw new UnsupportedAudioException("Ogg Opus version " + version + " is not supported");
    }
    if (family != 0 || channels < 1 || channels > 2) {
      throw new UnsupportedAudioException(
          channels
              + " channels in channel mapping family "
              + family
              + " are not supported; send mono or stereo");
    }
    float gain = (float) Math.pow(10, gainQ8 / (20.0 * 256));
    return new Head(channels, preSkip, inputRate, gain);
  }

  /** The audio packets decoded and mixed down, at most the duration limit plus pre-skip. */
  private static float[] decodeAudio(List<byte[]> packets, Head head) {
    OpusDecoder opus;
    try {
      opus = new OpusDecoder(SAMPLE_RATE, head.channels);
    } catch (OpusException e) {
      throw new IllegalStateException("48 kHz mono or stereo is what Opus decodes", e);
    }
    short[] pcm = new short[MAX_PACKET_SAMPLES * head.channels];
    float[] mono = new float[SAMPLE_RATE * 10];
    int length = 0;
    float scale = head.gain / (32768f * head.channels);
    for (int n = 0; n < packets.size(); n++) {
      byte[] packet = packets.get(n);
      int samples;
      try {
        samples = opus.decode(packet, 0, packet.length, pcm, 0, MAX_PACKET_SAMPLES, false);
      } catch (OpusException | RuntimeException e) {
        throw new MalformedAudioException(
            "Opus packet " + (n + 2) + " cannot be decoded: " + e.getMessage());
      }
      // the end is trimmed to the granule position later: allow one packet past the limit here
      if (length + (long) samples - head.preSkip > MAX_SAMPLES + MAX_PACKET_SAMPLES) {
        throw tooLong(length + (long) samples - head.preSkip);
      }
      if (length + samples > mono.length) {
        mono = Arrays.copyOf(mono, Math.max(length + samples, mono.length * 2));
      }
      for (int i = 0; i < samples; i++) {
        int sum = 0;
        for (int c = 0; c < head.channels; c++) {
          sum += pcm[i * head.channels + c];
        }
        mono[length++] = Math.max(-1f, Math.min(1f, sum * scale));
      }
    }
    return Arrays.copyOf(mono, length);
  }

  private static AudioTooLargeException tooLong(long samples) {
    return new AudioTooLargeException(
        "the Ogg Opus stream holds more than "
            + samples / SAMPLE_RATE
            + " s of audio; at most "
            + WavDecoder.MAX_DURATION_MS / 1000
            + " s (10 minutes) are accepted");
  }

  private static boolean startsWith(byte[] packet, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
    return packet.length >= m.length && Arrays.equals(packet, 0, m.length, m, 0, m.length);
  }

  /** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, initial 0) with the CRC field as zero. */
  private static int crc(byte[] b, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      int v = (i >= from + 22 && i < from + 26) ? 0 : b[i] & 0xFF;
      crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ v) & 0xFF];
    }
    return crc;
  }

  private static int[] crcTable() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = i << 24;
      for (int k = 0; k < 8; k++) {
        r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
      }
      table[i] = r;
    }
    return table;
  }
}
