package ledger

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"

	"patentbridge"
)

// KeyFile is the name of the platform's signing key in the data directory.
const KeyFile = "ledger.key"

// Key is the platform's Ed25519 note key: it signs checkpoints, and its public
// verifier key lets anyone check them.
type Key struct {
	Signer      note.Signer
	Verifier    note.Verifier
	VerifierKey string // the public key in note's text form, shown on the ledger page
}

// LoadOrCreateKey reads the signing key at path, or when there is no file
// there makes one named name (mode 0600) and reports that it did.
func LoadOrCreateKey(path, name string) (*Key, bool, error) {
	k, err := LoadKey(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return k, false, err
	}
	skey, _, err := note.GenerateKey(rand.Reader, name)
	if err != nil {
		return nil, false, fmt.Errorf("ledger: generate key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("ledger: key directory: %w", err)
	}
	// Written whole to a temporary file, then linked into place: another
	// process starting at once either makes the key or reads the complete one.
	f, err := os.CreateTemp(filepath.Dir(path), ".ledger-key-*")
	if err != nil {
		return nil, false, fmt.Errorf("ledger: create key: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.WriteString(skey + "\n")
	if err == nil {
		err = f.Chmod(0o600)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, false, fmt.Errorf("ledger: write key: %w", err)
	}
	if err := os.Link(f.Name(), path); errors.Is(err, fs.ErrExist) {
		k, err := LoadKey(path)
		return k, false, err
	} else if err != nil {
		return nil, false, fmt.Errorf("ledger: create key: %w", err)
	}
	k, err = ParseSignerKey(skey)
	return k, true, err
}

// LoadKey reads the signing key file at path.
func LoadKey(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ledger: read key: %w", err)
	}
	return ParseSignerKey(strings.TrimSpace(string(b)))
}

// ParseSignerKey reads a note signer key ("PRIVATE+KEY+name+hash+…") and
// derives its public verifier key.
func ParseSignerKey(skey string) (*Key, error) {
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("ledger: signing key: %w", err)
	}
	// PRIVATE+KEY+name+hash+base64(alg || seed), alg 1 = Ed25519
	parts := strings.SplitN(skey, "+", 5)
	raw, err := base64.StdEncoding.DecodeString(parts[len(parts)-1])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != 1 {
		return nil, fmt.Errorf("ledger: signing key is not an Ed25519 note key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	vkey, err := note.NewEd25519VerifierKey(s.Name(), pub)
	if err != nil {
		return nil, fmt.Errorf("ledger: verifier key: %w", err)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, fmt.Errorf("ledger: verifier key: %w", err)
	}
	return &Key{Signer: s, Verifier: v, VerifierKey: vkey}, nil
}

// LoadVerifier reads a public verifier key, or derives it from a signing key,
// from the file at path.
func LoadVerifier(path string) (note.Verifier, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", patentbridge.Errorf(patentbridge.EINVALID, "无法读取公钥文件 %s：%v", path, err)
	}
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, "PRIVATE+KEY+") {
		k, err := ParseSignerKey(s)
		if err != nil {
			return nil, "", err
		}
		return k.Verifier, k.VerifierKey, nil
	}
	v, err := note.NewVerifier(s)
	if err != nil {
		return nil, "", patentbridge.Errorf(patentbridge.EINVALID, "公钥文件 %s 的内容不是有效的账本公钥（应为账本页面公布的“名称+哈希+密钥”一行）", path)
	}
	return v, s, nil
}
