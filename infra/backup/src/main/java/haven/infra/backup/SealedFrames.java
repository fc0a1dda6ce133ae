package haven.infra.backup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over a stream of any length, in numbered frames of 64 KiB (the "STREAM"
 * construction): each frame's nonce is its number, and what it authenticates besides its content
 * is the archive's header, its number and whether it is the last. So a changed byte, a changed
 * header, frames swapped or dropped, or an archive cut short are all refused. The key must be used
 * for one archive only (the archive key is derived with a fresh random salt each time).
 */
final class SealedFrames {

    static final int FRAME_BYTES = 64 * 1024;
    private static final int TAG_BITS = 128;
    private static final int MAX_SEALED = FRAME_BYTES + TAG_BITS / 8;

    private SealedFrames() {}

    static OutputStream sealing(OutputStream out, byte[] key, byte[] header) {
        return new Sealing(new DataOutputStream(out), key, header);
    }

    static InputStream opening(InputStream in, byte[] key, byte[] header) {
        return new Opening(new DataInputStream(in), key, header);
    }

    private static byte[] run(int mode, byte[] key, byte[] header, long number, boolean last, byte[] input, int length)
            throws AEADBadTagException {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(number).array();
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            cipher.updateAAD(ByteBuffer.allocate(9)
                    .putLong(number)
                    .put((byte) (last ? 1 : 0))
                    .array());
            return cipher.doFinal(input, 0, length);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Holds one frame; a full frame is sealed only when more follows, so the last one is known at close. */
    private static final class Sealing extends FilterOutputStream {
        private final DataOutputStream frames;
        private final byte[] key;
        private final byte[] header;
        private final byte[] buffer = new byte[FRAME_BYTES];
        private int filled;
        private long number;

        Sealing(DataOutputStream frames, byte[] key, byte[] header) {
            super(frames);
            this.frames = frames;
            this.key = key;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == FRAME_BYTES) {
                    emit(false);
                }
                int n = Math.min(length, FRAME_BYTES - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void flush() {
            // frames are written whole; the last is written by close
        }

        @Override
        public void close() throws IOException {
            emit(true);
            frames.close();
        }

        private void emit(boolean last) throws IOException {
            byte[] sealed;
            try {
                sealed = run(Cipher.ENCRYPT_MODE, key, header, number++, last, buffer, filled);
            } catch (AEADBadTagException impossible) {
                throw new IllegalStateException(impossible);
            }
            frames.writeByte(last ? 1 : 0);
            frames.writeInt(sealed.length);
            frames.write(sealed);
            filled = 0;
        }
    }

    private static final class Opening extends InputStream {
        private final DataInputStream frames;
        private final byte[] key;
        private final byte[] header;
        private byte[] plain = new byte[0];
        private int read;
        private long number;
        private boolean ended;

        Opening(DataInputStream frames, byte[] key, byte[] header) {
            this.frames = frames;
            this.key = key;
            this.header = header;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (read == plain.length) {
                if (ended) {
                    return -1;
                }
                next();
            }
            int n = Math.min(length, plain.length - read);
            System.arraycopy(plain, read, into, offset, n);
            read += n;
            return n;
        }

        private void next() throws IOException {
            byte[] sealed;
            boolean last;
            try {
                int flag = frames.readUnsignedByte();
                int length = frames.readInt();
                if (flag > 1 || length < TAG_BITS / 8 || length > MAX_SEALED) {
                    throw new ArchiveRefused("The archive is damaged: a frame is malformed.");
                }
                last = flag == 1;
                sealed = new byte[length];
                frames.readFully(sealed);
            } catch (EOFException cut) {
                throw new ArchiveRefused("The archive is incomplete: it ends before its last part.");
            }
            try {
                plain = run(Cipher.DECRYPT_MODE, key, header, number++, last, sealed, sealed.length);
            } catch (AEADBadTagException e) {
                throw new ArchiveRefused(
                        number == 1
                                ? "The archive cannot be opened with this key (wrong passphrase or master key), or it was altered."
                                : "The archive is damaged or was altered: part " + number + " fails authentication.");
            }
            read = 0;
            if (last) {
                ended = true;
                if (frames.read() != -1) {
                    throw new ArchiveRefused("The archive is damaged: something follows its last part.");
                }
            }
        }

        @Override
        public void close() throws IOException {
            frames.close();
        }
    }
}
