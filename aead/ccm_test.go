package aead

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// This file tests AESCCM against RFC 3610 section 8, Wycheproof's
// aes_ccm_test.json (every vector, valid and invalid), vectors generated
// with Python cryptography (every key, nonce and tag size; the 2- and
// 6-byte AD length encodings; the 64 KiB limit of a 13-byte nonce), and a
// reference implementation written here from RFC 3610 section 2 on top of
// crypto/aes and crypto/cipher's CBC mode.

func TestAESCCMRFC3610(t *testing.T) {
	f := loadVectors(t, "rfc", "rfc3610_aes_ccm_test.json")
	n := 0
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			c, err := NewAESCCM(tc.Key, g.TagSize/8)
			if err != nil {
				t.Fatal(err)
			}
			want := append(append([]byte(nil), tc.CT...), tc.Tag...)
			ocbCheckValid(t, tc.Comment, c, tc.IV, tc.AAD, tc.Msg, want)
			if r := ccmReference(t, tc.Key, g.TagSize/8, tc.IV, tc.AAD, tc.Msg); !bytes.Equal(r, want) {
				t.Fatalf("%s: the test's reference gives %x", tc.Comment, r)
			}
			n++
		}
	}
	if n != 24 {
		t.Errorf("ran %d RFC 3610 vectors, want 24", n)
	}
}

// TestAESCCMWycheproof runs every vector of aes_ccm_test.json. Invalid
// vectors must fail for the reason their flags give: InvalidTagSize and
// InsecureTagSize are ErrTagSize from NewAESCCM, InvalidNonceSize is
// ErrNonceSize from every method, ModifiedTag is ErrInvalidTag.
func TestAESCCMWycheproof(t *testing.T) {
	f := loadVectors(t, "wycheproof", "aes_ccm_test.json")
	n := 0
	for _, g := range f.TestGroups {
		for _, tc := range g.Tests {
			n++
			name := fmt.Sprintf("tcId %d (%s, %d-bit tag, %d-byte nonce)", tc.TcID, tc.Comment, g.TagSize, len(tc.IV))
			want := append(append([]byte(nil), tc.CT...), tc.Tag...)
			c, err := NewAESCCM(tc.Key, g.TagSize/8)
			if g.TagSize%8 != 0 {
				t.Fatalf("%s: tag size in bits", name)
			}
			if tc.hasFlag("InvalidTagSize") || tc.hasFlag("InsecureTagSize") {
				if tc.Result != "invalid" || !errors.Is(err, ErrTagSize) {
					t.Fatalf("%s: NewAESCCM error %v, want ErrTagSize", name, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if tc.hasFlag("InvalidNonceSize") {
				if tc.Result != "invalid" {
					t.Fatalf("%s: result %q", name, tc.Result)
				}
				if _, err := c.Encrypt(tc.IV, tc.Msg, tc.AAD); !errors.Is(err, ErrNonceSize) {
					t.Fatalf("%s: Encrypt error %v, want ErrNonceSize", name, err)
				}
				if _, err := c.EncryptInto(make([]byte, len(want)), tc.IV, tc.Msg, tc.AAD); !errors.Is(err, ErrNonceSize) {
					t.Fatalf("%s: EncryptInto error %v, want ErrNonceSize", name, err)
				}
				if _, err := c.Decrypt(tc.IV, want, tc.AAD); !errors.Is(err, ErrNonceSize) {
					t.Fatalf("%s: Decrypt error %v, want ErrNonceSize", name, err)
				}
				if _, err := c.DecryptInto(make([]byte, len(tc.Msg)), tc.IV, want, tc.AAD); !errors.Is(err, ErrNonceSize) {
					t.Fatalf("%s: DecryptInto error %v, want ErrNonceSize", name, err)
				}
				continue
			}
			switch tc.Result {
			case "valid":
				ocbCheckValid(t, name, c, tc.IV, tc.AAD, tc.Msg, want)
			case "invalid":
				if !tc.hasFlag("ModifiedTag") {
					t.Fatalf("%s: invalid for an unexpected reason: %v", name, tc.Flags)
				}
				ocbCheckInvalid(t, name, c, tc.IV, tc.AAD, want)
			default:
				t.Fatalf("%s: result %q", name, tc.Result)
			}
		}
	}
	if n != 552 {
		t.Errorf("ran %d vectors, want 552", n)
	}
}

// ccmPythonVectors were generated for fastaead with Python cryptography
// 48.0.0 (OpenSSL 3.0.19): AESCCM(key, tag).encrypt(nonce, pt, ad) for
// random inputs, a random sample of (key size, nonce size 7..13, tag size)
// combinations. Fields: key, tag size, nonce, ad, pt, ct||tag.
var ccmPythonVectors = []struct {
	key   string
	tag   int
	nonce string
	ad    string
	pt    string
	ct    string
}{
	{"5a6b0aa6853488084889188a45504b8e", 6, "93af245ba001b5", "4f", "5c1f83f9bd4ca0209944b3fd4e241c", "34c3a7e2d50db4808e5b2b299318373edd4c9224ae"},
	{"dabdcca0e5784c47a9b14202de128809", 8, "a6a7faba9b7ec9", "", "", "ae32dc34237e2449"},
	{"a8abf79048f3b509fdafc60a2e2283dd", 10, "35c3ca7f0cea31", "2bd4f5819ff7bbeec857365d3cc34e8683", "ecbee06550be17ff095978d3742d2ca2c272da9ff71c40446d7540fcde6c6742c93dd33c7da65f2ddd15f5447eda99d4", "6c3eea1619d86c3886922cb91788095973329dcb13198c2ad4a8b0143fa8edbc1ddef942e17bb724066e7492342709f471b7ad36f74a2289a30e"},
	{"d34d844613f1129059f05b1ff3c0c648", 14, "53a1216d668a94", "53700a828228e4", "32bd43c1966604877f6d07e0b42ada741e8bb4884c492c893fbb46075972446d005545a481b6e04e382a1d982ed3f6d6e140c897a735554a810474ad7477e563e1bfb8400bd619400466adf58e3e40d841bbd3d44836ae7e28475ea915be8f75ac8879c4", "666209a056b12a623acddb4ecaccd0931af7e9e54d30049394a5bf3ec55f45ae66b84618a0ed4336b9d3abc6c6746f6d9c3f543364aff1d44384a7d19fb35d970e755fe5a9260b47716aa8f2bf71f2ea8a0bf6e9b43d9a35fae7b19ef67434140c5af9948f6fd5451f2a3f10b0d85721779e"},
	{"fe81247189d881d0e8dde2739dbc1a76", 16, "ae9f286aba95b8", "1dc968679b2b2e411ff6037fe0a9217d87", "29b45dffe604b49befe26e167662c7549ec9181bdef13d7654ca9c3b5c1e12f737e6d44b3654edd38374e10e32711bb0", "19ad1dd5da15ab03d9d24aef6d20920030083e9fff2d362ce8cfe90e211255fb8c7d5a4f734cc045d3dad097a9130c06eead7d661f0afebb1f60f5f54a2d0a5e"},
	{"840a4efae6a0ceb601fbb81f4e6b7c9a", 6, "56b53273c4aaef18", "8c6d5b732a3794cfef985f516a4b1760", "41b1b6d62adddd165b2b3a883c4fee2b", "ae60b9409de72acfab5183362270396468533914cb46"},
	{"6245eafc8259609abfd019260fb1de84", 12, "ecbc72ae8cbf7711", "409ca2916fcfc56e5f6c5fbd2c2267c6b85480be68baf9d1895b3d8ac42800ec6002c2058952f2d2e70c167ccbbb9661", "dc3fd5faec5f84dbd0e5e75d530691fb207708efe2e0deef0d314f6dca9f608a92c65dae28c7ed523c582d07a23339", "1cf94e4d8fb4d931ad29ae897bc57962e4e06459055f0c8e0e200ad9649e7cf23f807c5d32b74ab44c4133b0084d13bd8b72667ae19d316ed228e2"},
	{"9dfde3a5a522b9337415078d4f45b71d", 6, "9c750cee247770273c", "c8df1b4da51ce68449b038ac3385a0075fb1fa39de78675d849141d5323d4583159cc472bf91cb1cd72c6de4cc4bc83736301f617f0b2ecddd0216193011160373", "10a9d777f327b621e453891d3fb8e49063d35cdce56a1665af50f42336f398942147e939ddb6587693ab4fac3634cd7d5d56218ab5a4f3b921012f90f295992f", "82d004c46a4e1d06248f78653646c5dd6558056e0833f82808347864333bf4598a3661f33e5e52b931fde888e244e2e2d02f9adaef4d03b0f6c43de7f2630f3dd0cf3db88520"},
	{"4122b38c27929fbde279745973413bfe", 8, "53986db485ecdd5cc7", "aae567c770cb226795e5fb5749b5d6d99c326cf2f2ab8fe98af6729b9fbc7a3b", "914eba6b983231775cacae4537e2b3d47f46e7a6f24f79eaafb776a2f8f8d2", "c77d8816513fee2f5ae54e8465a335bb644a62df6755fb484cba40a366ffc0b0fc6392fe19d66d"},
	{"3f1debb2cae4561ff02cb0f8b834f102", 10, "0d6f91f4c327e6d050", "f1e269456f772100d4cba36af35109bab31bf02f55ce3381afeb4d2ac3dee119ee", "4f4df4e3f4654f25018a9d93db21c2d8f3", "ea164141bb0b96dd0ee06a82929969b7fc2fc30380f3cde065ad9d"},
	{"ba0bbab10117e55f3afd343ed3479fb4", 14, "9242b15ff867c06e55", "5d", "69cac6351706b8aea04a0f829916ce", "892aa810999730ebeff3b39d871479ace3c804ead357fe07ea9174a693"},
	{"7a51957a795914dc70eb3510cb226457", 16, "76f50b87ba5db43345", "13bb2e3bbc3a1a4efcacc54c6665743ddf", "43e7f2f5a24785e904afd87129b197806634531fb8c22efa62d4c2688408994af87d249764c6590f7557b3bbedbbfc7b", "9b9644f1ea88eaac0b2535d8ec33a98a28f3f4d0deb94b5c04b40301f750df4ff5dad6389ff439437e92f67207ae6d46f855449b2d61cff6010f64eeb524b4a7"},
	{"f8f53282732abb7db9215fe61d2856c4", 4, "b9631da14e9695d99785", "f5a793ac7315a7", "84e3e3fcd35bb8219e542633af1de942ef364b2914373c7f19444a615ca4eab4e235c22585fa411de81de8eb757804c8fb3993b153b98a7097fa2f19b58e6c54607adc3d6126bebf926557691f79e9d563af06f0292cf00cae8a096157481ce71618fd85", "043e1d8fe7b87d8229d5351889103326db4c6e6452104f1ab1c7891e197f87ff28013a0dc1f81ed71c24494ccf0d10582a1e9f101ac6b38a40cef39b42a50bb5055b1fb7b30f3426b1b08ed2aedbf26e2f208ee7f16f84af044abd8a127be621fed45f8a97759050"},
	{"bc191f3c5836ffed6c3d572bee645d90", 10, "65458bf7224c2bdbb1d2", "272cba505261c26cd9fcbcbaf0cba3a3c567047366fe92f10e08f9e38397c897fcd7a379ba6ecf10cdad5a3af506297b", "3500ce204e31eb9a6ace0f60db2cec1509f6bfa8cb897ee594a4d6c59591c57a6361be7c9a2671dc331b09220d9cea", "68853bc784da5ff469fc5d69a2efce4667b1edc965408bf1b5f3fcb2617532e6f734797966378d31fed53abe869bded658163f8203ec22ed67"},
	{"175677ec88d91222f71d0ae1739d514e", 12, "6f42336884fc2bc0eda8", "f175225e24eef982dd10cd81b2ce161247d512d1cb60a1508d4c3a84f29b191aff4976a6dea7d94dd5613725f6d8493d8f0e84ae6d381125ae4a940008864b4cd0", "d84aa6a3a199b9c03375595b09ee74c2794aacc600d2d6adf2d4ad1cbdff61aaf25e4de40b7ecde36bce63bbe271a8990c80912403e6dc53d0e6c43388f51486", "7d248ddcbf28782e74cc9561b6c23af43587cde54dd9a47f142cc67d831c8f23af0280f0994cde3ee4f6866e66c92afc814ba1755f9a2177542d2474e775a2922b66c3d672a01ff3607ebcd8"},
	{"cad34e0821214f69eeaf1814d9851087", 14, "f8f2f2fecadf03de9e26", "c76582763baa5c", "b2571e2089dd2acde5dc439fa8054889a480d1fcefd4b6504ba543daec79345502ea3d9f964992baa968330dc8d8d4c55866ba54a6afba3fcda6f5561c3ef072d1c042a5d58b07ef6aafae9fd4876acf8149c6e68b91bde5c775f6e8b4b0393ccfca8ab5", "45a0ef5e2ce7ecc05ca3bde1a2b1ce96043a73a35131c821db34152c324683bd4b3b847d88cf32287dd5d6852aeaf982bc1385fb393d074d2fa5bdb794c897001b4b12599c06289211b486fbcfc0fb0460cd9f2080c20a1a39be0a9fa259e86dac32c106739e0c196b81f8e64bb302f7e35f"},
	{"8ad2ee4586afe7a700cf6460170bfc07", 16, "8fe031f002118a810e55", "cd60e71457ff69325f506c0b3eea01de54403e44cb5c70ef227c665eff58c8021e", "e37e90ba73c50cdccf95cb9749ebda80f7", "0f0f6154592a5b17d4831628c1406fc882b3c0f08dbbf151c5b22a581767829f90"},
	{"1b6e20f3e78c9ceedff1c4e4a9bc5980", 4, "9df0318f90aafe8d67f0a6", "74c4485992b8d4d1d2d452a5057469c34c61e380f405602500024f71ac949b5a", "645b4cf364fcbd4991203cb9c9d0087354ec0a61ca793ace908180e760bb1e", "d579de2cacf95e44ac4bc5c11414d556c47872b0a696d0c436cd39ce6d4bf502b21f1a"},
	{"ec12e3df1522230243dccc9f8d443731", 8, "00cca26ca755ffff40c042", "8e14d61bf888b4e1f476ad8db78c73a4b2f74fcdbc7668e434bfe22eaf55809ef263649217aeca28f5930f05ed7584ca16fccb38e374db2886a439eb97a2d663", "c22ef54fb73448453310d6b830bf4d503f0bcc6851c05f36364bcd1b15bb82831eca38116019ab010e8565989756970058923040cae3a69812c5637342824b3f0a", "5382044f3a1dd0ce93d4407fda9f6a01fff201a537f371a3f63cdb5c33a8d9741ca12c4d6c05625ac3e0c77ce0ab9cf183d72c7edebd270f2d32306ec9c02fda887bdbfcf607985226"},
	{"4e1d031688fe24986a52ddcb10aa48c5", 10, "d66faad4a703a24075b6ad", "ea814c4bb4c2b7", "ce048e9b063dca4cfa1df26c15837bc0e63e892cec7f66ef6209b69e8852ff31e5ff80c9bd2e2770d775a132db59cb5544f0c27af7ca970ae885a3ca11c325ef6d93498d5cd7ab825483e2c65317092f0fa6bf12e510f6d8742fdb29eedcbef6baa62609", "dd6fb6c6a6540ff8ce457830e4c59c264098b64ce30c09da6c8f2d091099e2c81f602b0290c28b79a245fe3814b6c8533324cdec9f58699dace3734a6430011e6d17c91e6d466554b79d72cde2a15aa7fde7db1fc2c180a82ae26a1a68416eea0ead904ab92de027af78f49d1704"},
	{"472045fe96eec6823a2bdf5fd036e0ad", 16, "c1b947083c0f71771165b7", "1f", "8cf5c3aa2ee776f6752d4111a478d3", "9a0082db75cca522f188bf5ee65a53654808610c81926ea63d712ab064d3cd"},
	{"6dbeb3109b140d0921b61f466d97503e", 4, "292d887dc75945f00ac46025", "7bd8127066375b", "3c5e4a10ded16503c2bea47eee335bfafd79e82aa046c3bf6f97c06aa44d6e10b8ddf1180301b4249e69c4cd5637642c0415de7478ce0ec18331553eb8846b1fdd6353307777b1442d69654d15182476bf62a08d577ad0fd47fce2ce8c7f5907bf369055", "2d9e5314da46ef330a88bca1744b47142d0e3a377334299ea02b941300d19e3e412382e87850e729197185ef371ea0fadba238fbc7756cf8f36206be96bc3f84308a4659425814cec9b2086bdcb77d426b893b586d656a531b10be835ea15a85979658e6072d5312"},
	{"b07315ba826e732629f8d5c10307172c", 6, "5b1f821d14e7a4debad86ef3", "0c6d90dee09725e5cb9b1aac23368348fc", "f010672ed788cd948f34661ed8b69ced2fbc599365c97e54b77537d27693a1210ce8a2fefb5a923e6109b6ccd7f15ce8", "eb3cfc2d41bf83304e76c90303f64bda4d83907addec2566cef09276030fc65aa105903b8f2beaed64925c9b0df03fedb5c116b68f5e"},
	{"b9c2b2ae0044f7466d5ed6f6c4ef143c", 10, "3464b268f9c0ccefb05de7ff", "b851c8f7783261cc08c238918a4c33968f", "6ecf24a92119545833c58b9eda83159372ea635e36f2ec1a33c3b9d35d2d43899961d105bb7cc7bf3b2229a2d0e572d4", "6d60249ae2aef3aca05c220989d9f22dc7282b64cf82fef1befc5521afdeaa808905231cfd910ab6f5c9c4b2bf9f7a088898953e1d151cf6342b"},
	{"d737f257e2e07831c922e43a5a54c7e4", 12, "b91fb3c0eaae2bbe59d897ad", "", "cb1f620ba0f665a7a1991ff4484f1419045d841db4c2fd08c52cf6118048b397ee", "cdfd7462ac2e0be13a25b4e33ac8003c2334e0324322d2e373544273d285c3aa714ee3f8d20c314ea96b4a4d02"},
	{"24ea4c004d3e67cd94c9dd7e36477bbd", 4, "7fbf984b5797d149fd124d4d9d", "0a52e3a876aa07a46f62c0070519c283e3", "d1c7d209567d3c4ce47954a816014aec3dbfb093c9b13f36c4ec4b701a3edbd8efc05a6b1ec46e96ca98da4ee4eb220e", "b0a1d1f6cff99c3680b60cf0d3f25d730c3bd587668ed22a68754c6dbe15dfd52d36a6dd28dedee91b1bae6379db7b67a6891a7b"},
	{"4188a8af989cd950c39b024886db6c53", 6, "2fd0b2ed058764899607dca02b", "38", "f5edf44c0f161824acf8fbd40bb139", "8f04ecd0aec99b9e00d3288a92b16ecbe0b7b9e10b"},
	{"29ebdda29a68b010c2d09ed15c28168c", 10, "018fd85ac3c88612bfdd3b3bf7", "f4e096ad6f52f58fef4fbb9443f181", "23", "7337de4562ca064f0258ae"},
	{"e1250cd84fabc7ee02e5c51797f124f5", 12, "9a81edb4576d522428fa66615b", "9fd8f355bfc0771c595b35b0505278bbddbbe48cf0caec23e59dc6b54bd5a3ae76e086bbf3eefe2accbe67eda32087eac55bb14ed6945d1dbb862308f39d1d4f7b", "3b1f1fb276d7fb112ca0c510ac5c8a0fa20ac71e3f42acb85b403b9beb8fa744cd8bbf1d0ab9aa7119bf0525aef954e636a2d66596a6eef23ed1d575c4d78fe8", "e4c15f3f930ba647094beb55e2b225c330743858b2b9cec672a59eb182c4fcffcf5c2052f20d3df4462fc4a285746ed66199d842b99a25d34315462754fc9100ae15c3bb023d6de801eaad98"},
	{"a9f3a06f03d4b3e0ca14c1dae0ebf4b7", 16, "5c3c7ab7d88bd5eb997f1d2343", "72733de412f464169d4ac0806e9e00e0b78dea687d1ea71113066e22ba9fbebeb44baed8cfc9c5977060ce92a6d43eb5a15fb66431a0984a66b4765959d2218b36", "1b9cd0bdbd0944a5349a5af8875ba46e3c7ec6f3061d95d3e4f10a218f041e8db81f6944deb0eb9e5ae541d2a30c6988e35010822212d00c13ea40a2bf7962fb", "994bed23adab61694b5a4ee8db4dec22e5d7c9f54915f6fddaf15195c087b08fd7709c75761f0054b062858daa865df5bd534a07eaab442ba0ef738f20e97f47870fd19c502cceace5231dd6fc21430f"},
	{"c93a713ca70efb76eb0dc9e2fabb7a49bff2bf96d5707c84", 4, "7481cd003896f9", "", "", "c1f4da96"},
	{"0444f4ee15109ef43ebeada42ad274c91e374e537b9779df", 8, "b80baf4fca2598", "", "b3acfbda912881508f65c78a8333963475abef60725263eab107bb67efefe7f584", "1082aef1bfe4f2d380c9eeaeadde946a2327dbc042bf1e6408200d688b994dd632e69520a3a78caccd"},
	{"c5f7ec82036c84d48ad7959d8dbb7acb55c9c2013dc9b29c", 12, "4409ce8a2ddca3", "d966702a5ec24fdd03a669d198b58d516d", "a7b5f1926c2ff81faa21e0bea8b6a2b7caa59502b5867e2251ae03db591931240341657031ffa4d76d4fed2c795c4e63", "34454fc40e741e04f8a94b0429a23b64762325fe49cee673f67d6eca412efd04b05c3baafb59f62bf9f0b9f9e6119f735acc2c9ac5dd71fb10e0ae83"},
	{"1ecf467fbbdbf2a490918801729a6e636fc47759e6f3233e", 4, "75ef64f9326ab777", "0092e652599c9d", "4481190ad1a7e9716fce06f270675ad1a759661142484a352ca98fdadfe2f808557300b41391c8be23718b744ae9d74128d9b509c88abbf39d7d48e87bf3deca4a37253b658def5e19f70e453a6de3c43a03c8172f9d72e40ba7003b755f73e770004e01", "0f30c63de6d29dfbf663bf9b504035a81b83f0d4cdc075fdfded1595d4fb057d8f2620c8e28e91f9bd5cb78d3739df92ab5bd7418eb3dbe1b3cbf83e8f9438b85f89e5674699618ed26c9ec8b39e78a58961c0aa9b598be6b9a62a0eaf307d50b795d7f1b53d4f7c"},
	{"91c9b07a13f5903cf601da5146b26af39a9aa441d5841a5f", 8, "14c462f21e86aaa2", "821e1ba865712f8a0ec28c07a544d51d7404e47ed377fff2bffbe98dc8c89cac", "3d6d712a4b9bfa9e128cd4402deb94c9fb87c3da55dd653bcfe24c252f745c", "06917f7fd25cc87b52a1b1c92d2d40565e5174c171528dc53a9a64afba8b93c777ea14e5382369"},
	{"82cf81d24746747ab1f035b72f2a7cb220cd26be9310b70f", 4, "d8ba40223dc7c2abe1", "8604dea7b54fdfef2210205c878f7be7e09cd029354f1ad0cb0524c6992bc05ba3d3674e688407d66c45046100d1533924c80bd66bd17623bc84c463afcbcce6", "073854de739e283c103741bdd19f726ef3096a4a83ffe5cc60248eaaff953634ca8259726ecefb9ef7d4cc17c4689f857e6109a0a34642cd2a63a845cd3d1b1938", "419eb6d57576dc91e3064601195fe2622fa8447a565b5575ce2ee993f71d208992ddc8560d7244d7a5de99d777c37f215e89fd490b980791b7d8803b2084a529a2f918cf2e"},
	{"92813906c3cf800fc0fd2f8bc65235ecaa5cfba87d9a8019", 10, "3e105fb955bf4d7002", "49a66be73e92d00113561f229ed51eca7e47d012c6e5e2517bb27f851038568c8c82bd63d751d9291cb0621edb714ca2", "847ce6ad74443bba0c41aa595b035b0ff8cf90906f6387befd208f91b9092a92572e19c32bc3eb5486fb8f3cdd0470", "f545c77bd3e55aa3b1c730bd7a88a4e0918cc932224e179c1a45fa805a3130eeae8cb699363159c5018a8e96d832d367cbe1470c90e5560a8f"},
	{"8202340cc58ff5a997739e355becb892c6540769b1a328d1", 12, "49510459040533f288", "fdc307c765a2513b0de7a18409a8795f6332ad3a6ec4de64a98a9cc788261a5cad2670ae6504ddebb026317da4a4739b", "2070bd45061c1d13feb552160892f83817146364efed778aed7cfd71c4ce9c7b588d97c4c40c635e64675f983d2386", "89b47620c81340e1a5150db0d5e39ae7a84efd6dddcee27c0620718a165afb69ca1b567059b03d94c62c686be7ee83fa1615b46c1fc25e1a1615da"},
	{"b0209acb212ec0382f558980c56088004d07e63eca345b9e", 14, "431f041c56d951ee93", "e7a07dbb04a0e9", "92e35feb027775128a90c98458d6f9f7ca05a04ea54306ac5f62b691a35abf0ed6eb748d4176113f42aa62bc551483bc72d891ac4f4f49ce7a807c9ab2ada4ea2a5b833b692f2423c6a0370053c6b6a9e2530b642a4242ce8f4025f56bd57a19ea256d9c", "211ed1d0488b89f599b4e9b586a21fe7a9aff051a0a383d271b86103509a6d3f023ab81b97e552504d9516c4c5523a35ff64bfe02c65713226c2a0ba7b3c3f172de67c3fbf2439953ea1d3bc640e78d3570d15d62838330405b914059340ff003a630940ae2d58b9fa18bc1ea9e85ecfaec5"},
	{"fe8e34116e719605b4b61e5366290364d9848ce3eff9a579", 4, "c12b715736815322734f", "d1af9f5936862f417d181a4f64f5aab12472522a2432500c20c8d5032ff05ca647", "400700ba6fd97f9353c23951f0ad35c595", "b6f42347ac5e7a56c069a1ae2b40e4248a52bf51c9"},
	{"8ca10ed6a1c40c7ff7f45225eb5177b8018338f6f578beb0", 6, "dd15ae6f5220fc5f93a0", "ff8a419b9a9a80", "dff22ff55c076854d32f6ab41f497251daaceb4436e1e261faba63b224c74429e6e6544e3a158514d14327fa6399081213b7fd0fdff823d3d7e48bab68899cb195c610a618548a1b99a6bd9e221e761674ee82f087b4558ba8026570b4f4216910af8bd3", "f2b49d7cbc50ea16d5e708f6e1363ebb9a87c2761044aea26c17003b67badacb9ed73e12c2a7aabe13d18ab54effacb15b1bec30bd4674ea5bddf81ca6a0d53d10eb830404b17e17c8cb10586854e29cfa9b3aaacadaa1e0f83c9bdb2f37456ec1b8c664714296f1073e"},
	{"96e25e6758957a797eb2dcfccc2942771daa8b684ef61d23", 12, "5e95893b64aea351a107", "1d", "177af2e1a30e15662145834dc6f407", "93056e887a77159df6be2e675d7d0d3622018633775ba3c0b7f68c"},
	{"04913c169571c44470ea21537e5a34d81a77d46ae91d5609", 14, "d42bcede19f95450ed2e", "f9717fe413c2f5f0ab7b0a1e4d34bfc546d32ef158eeb233e665e64824804d53f9", "f7549ae6809cceb230c702dc34718ae323", "3ced34801b0c563d382864958442318fa1702a57eb980525fd3628ea32eb4c"},
	{"e36eb697b3f0c535c74642310a8590fde901725b3a681386", 6, "0115cc7c16711fc8743f15", "", "", "2059a1cbd1f4"},
	{"5f3f2617c3e49fabb0b062828b7d2d4d8f9dffa21bb18d19", 4, "7a88631523e31e4108d01e9e", "8a18352bb28397", "4f839a3c2ae594e101ea2951f1367e99ff2efc5e5764404d382a1bf53fa2034121df71d8988b18f05f040d71c917254b59df77268e275c7a41593ee680f16181f4964d5f0a53eae8248a168d9828fb84d76afb4f0601ead5a6331757a614bb2f2bf22b96", "294a048a7805a0f029fcc55e0de629fa4b59ce3e78b8883ed6aee90e1da13a80534fb6a5064b7c6fd4979b97937722353e4cde3287f217bf8699df3bf6d678e890686376ca4cd9b390d1e4cc66997674afb86af1f72ecb825776f680cb5fed5841768a6cc11d0ab4"},
	{"203b556109179f468fa37ea93a18fa684dd9f84bf10d3db5", 6, "7c2880a46326b07cfaab8ff2", "340d5e61e6fe0c269af5f1232f3d78195dca76aefa4863debc915de6f3ba90502193d60cf7ab30afe57d422b4c4a4df6", "599449f4c536f508e2aad44fc187459d89abf1f6a694ff4ba4dee24fd913816635ec3be9821e1c53df50e9c12809dc", "5145c7a665e5e98affab934a7915795cef2afb8dff9bf540a51ea4d4a4b360bdf23a50de59fa38dc60a09a54d35d8983cd5e9d6366"},
	{"5ca61779e1bd0662b80a95da6b1c57cc0b1c457083420808", 10, "448e56f74c97dd86d40c73ec", "da", "ba48fcbef19fe8f42259f9ac01a4c0", "f426fc9f5ccfc70b296158653dbd74b970f4777f51751b7c06"},
	{"d0eb357780021c88eee84ffbb4e0862d33e715528ee857a3", 12, "6bd29ea66e35cc30502dc407", "19ec58395e4f75a5d6d4e2479ea12b2016e2dc08d5b9a7489d9d5304c6bb6459b7a9b1222bb2c6fb350931a09d0700b5bbdd42055be27993743f2cd42a8cd3ac", "a60e1af7115f9f2825d6bc40e66557a4ef3ffcb539421a5c583fa7c0ac010f1d6393a554a4026042f1131731faab5474be33c16f1ee84698485c87e383f5e2e4c8", "fca70b2810cbd59bafabff3a975cd304a5ed1b2b1e93808c001ef3b9ac73af2a4e59d29f6b2876040d10c55c7aa07cbb64f93abfecdeb445fe6def8e96487168ea35f6f618736b126d90ff5560"},
	{"497cb7107e9a71b5d75a69811c9445d858da6464f214f082", 14, "6fd55e41ea2580a49c1564e8", "f2", "1dabe3700fa37932b0007eb8a4f0ff", "f9b6138d2feb33d264539cf51eb99f7382852ea3da6f54354e799dd42e"},
	{"e129e94930e44ff37abda2f42e80d50e3009d9635d8e00f7", 16, "5f49786f871e9476c807cd96", "708667fa5adacaae965f44f1896a59dc246c295acc4466eec598b2bf6165cd1dc6", "1a5556091474c6c467bf4a65d3b5415d45", "54dcfdd113b86b67d5ac35a942a402d0a9f8bbcd491072e8242e5485083d6c06a2"},
	{"6036853efd95287783542442707a84b603cb00b8d6440c26", 10, "af73942603104cd409bb721d3b", "", "60be35efddff7c8d809e1d056512345296547b1769b0f1868c42911174a1f84c7d", "3aac02c290727dd9b96caed0a59fc7a63baccae144181d61e576fc548ef5f0e5044ab0cfadca73c2673e42"},
	{"7a4088634467c363b19ea440cc5cf2a1c4dc7ce697b71cfd", 14, "65816e3b86fcff89a56bf006ba", "", "2e76114b9aedf41826857ee86aab913d7f309d1c479824d98308179db60c36edd1", "c0d57e6a33d936128e307634b0b973531dfc448d5480406a5a44f2aad4763a0175b91dc4bbf19fa60e48751d6ebe6f"},
	{"e3bed49eacf5a4a4cc64ee891fab19945b7ab519d1af67516e865d7f741f3ce8", 12, "0952d8867b759c", "40bd214b1912b43e5b091db7cb3f84f1f8f9389f902e88a981cabb4cb369d4ab", "cbd97d6ce2995782bf5e96fd17e06614d25ac00575290b3dc4013d7421d327", "51195a4ed07d357dfc3ca76791def9a2294f4ac1515d65feab4443a41711abaf46da69c186407f94682c74"},
	{"e3e856e439b64e8073d76a49275ed5502a07432f255296f28513b0acc6264c67", 14, "7ba8ed1cc29f0e", "8d33c75f87a088f496968065c8b938", "90", "2a3e8db3b25c69235ae6db01c07c37"},
	{"c3abed13c3dbeed122350ade5b5bf92418e54272250613fd32b427c2cea6c2e0", 4, "99c23977b16612bc", "aa6bd0b78b639b", "e20160e7de9a502bfd77c9d12e0db8fec5e10234fccce1a489d8a20252d11467001dbe229325e7c350bd3797d709a7e783858b8a6d9925eae1c3d87cc4ce458ae9cbcbc847587bc4d8d0ddbc16f73fc4c2091dcf7c217db34e2f4c0d61b34ec25085031b", "1890a5682e90f46f5a6d406f7f9bd8ada3c8ca0c875bdfd8c863790886e07a665c1c084a9784c4767081f536e1045fd13e96e22bda5c9aba5749be147b44df8de6ba1f72a72f0912ee96bb00d05c876e8d7f72788cca8a66000512acdef8a3088f179d1c5e749919"},
	{"4c64e2e63d6327f79ae1583d652602ee1c485b18fb3451ff4936d0c2a8106468", 8, "d7b31cb74104c3e0", "2cb538376ce9f1bab12ff44cc247c2094578ad6d399eaaa834b2b856fc2d1100f5df4b361210d48afdee539ff781d180fe7964d78b5cb03ad5dfeda98c9df964", "77128a9461879ae5fc13c2bdf96318110b13bcf525f42b85641fee42d606739b47e82a7799425526341939f714caa434eadcc174edf3afa41ffe41c396e6bb3d48", "3c1858dc54861ad33a24527ab56daaa55d53615fb955ffcccaea0f84a53c131adf7a57c899e33899f44357acefb7d7fcd70d230dde6af446334ba0001b16616f76f64f9e44f7eaba53"},
	{"b299b5fac375f9f7c8d760e874900c28ff6e82a17252cfdc0dc360885491eeed", 10, "27dd3a8eed93dca1", "41", "eb9dd9b3a3d7de7952800b248c547b", "b154835c6308faddadb86dabc6e66a03ef5367661620a7ac36"},
	{"1c1cc65b740c1da3238bd53b8d04c3cc5a2529991bf30b7db0c9fb7166c62d80", 14, "bdf49d2d0f0dc76d", "e8d64b014f55d736364317dd49eec2c68d42261b77b1dd8329fae9b9e2d6f3f29108a446a826649f12f4d41405b25886", "d1635de5391872f1528b113b457597ce3a91d854dbd6c1574ec83d1b271b3c847368d264fbbcc335a173abdbb265a4", "7a75dc1e0209b7af0fd234d9a5a90ef55976fc46e262bfc841fb6e5f48f2e08c4cdb6014ca82ee6b4af6b0c7fc52a5b80abd8497f294c048f168da63bb"},
	{"da213eb3c2957cc21c956d07c33189c78a91ad01937d1d403e2035046d9fef92", 16, "d2257e1ada7e5099", "fc585abebf1b78f24e179bee2d007d", "e5", "b43f5ff6bf1fc058f0c32f3b0cc81f0c5c"},
	{"a7ef9d43ea61482dddb024e43a687b2295e1b432d4663f2c9c5c3cc63e20c686", 14, "1015c27eec9ab71f1a", "", "", "764ab45be80e89150e9a5b3f2df2"},
	{"db286177527a48d610c7112dfaa0fd1c144d0caf86ca5fcc3bb39d37f4346d45", 16, "82b715a7d67bb0c0b9", "", "", "2a22d52cc62b7e3559df981e139404dd"},
	{"1d5484eba451e0fdd591120bd9aec42469e47f5b317fd2ddc2b86fab5c4bde62", 4, "e39f6a1a1e4bae19461e", "39", "f2fa5da0785dc4ac73906722ebe3e8", "84d2bde807210a066d99821c37c317686b728d"},
	{"ce830a52b49f17543e55e2478d70dca2c9a072b99fa545b2a782621cf832e975", 6, "5174087c4a4444c556f4", "", "2fc7ce1f90e1d90b95bbea22efe065f391043332ce0aa5c7c4be4ad2b3fe1239f4", "e235a94ba285ec623621414b4cd68a6dc3f01719f3fc62edb8143befc3beafe8b5b8c659e8390a"},
	{"d99a8adffb3a911e91858e3f9d2b4314388a907a90e0fdceb047839dee084dd3", 16, "5fcb4467ec5e90092cb9", "e130d566a2ea26d2dd5f4ed73ad2114de7", "babd01c3f75a2091474c5bc20a9b88d92d6209ceb6e5e996535917353bf1233f6904e6e3fb0fba0cea84df8eab82a6cb", "6b075cdbf2b95405352b957ac90d803ee87b6d7c6c7f06ff49bce6d4bc31cf9f39448094f6b2781629d58ebffe408b1baad63d0e4d573b563a2447662e46a295"},
	{"181610c2e986b951109ab3d9284556fdf0fd81cb26404b19905886beb3e25337", 6, "6eee15bfe9b7d1d280bc47", "179dfb04953daddb04b820384b2679f61e", "093075e37aa8932a68627fe97e7f1361db8f8e3d8e5db97fcd0e76763f3e8ee638de63de0ce023aa227e461c8d0793bd", "aeb1375f354c377f3c9eb962285ef42cf3d09b5ba46ca7f046a82eb9c5b81e58df51fb97284d750964e9e7edea3267e0ff9446917340"},
	{"7a1df4cb241340c800e11ca6bc50505d8005410b7519f1bd3e7d1796d51b601b", 8, "1f8ed29513a973bce11959", "c3", "ad47ce98a083fbc6b97c56eb81d637", "bbbaf615e5e65b3b3d7d954f218088359c6d4739fa1e85"},
	{"d5393b31548d62228cc23e5514090d5900ae9cfd81825723a32b0e854a0b5a0d", 10, "65428d74e27f034a1bd05f", "67c2e3f61a0bfebeabc7a775262878", "26", "53062e32003ca6227572ab"},
	{"fef3c496932f39a68c3e65d436af168b4048061f5a9c30002b3177ddc367afa4", 12, "3486cac068c14f64695105", "", "", "356bc91f81f711e60e52c5f1"},
	{"c005f78d7897445c60e4da906114567d2267030f43aa055c4f9490c531cb1f26", 4, "3e8a8c0e0b1c159ce98ba2eb", "a1a22fddbcd8d768679a769edcb417013e6c046492c6b88fb0b5d98c36356fb49384283e3b7b51d38f3cadbdb0122807717a0f49e68c5f8d669f8799854489e4", "1efe3ac11aa39b1dae2111aa3958e89596019c27a49e579ace255b8a232397b0e2ecf53b60fa235d2ca1b1807960ff41d833d2b3413824ab72159388c386ea7887", "7edac05ed3b535ccfce7cbe4a196528ad979e171dfb88382e7a85dd8d2e9a228b0017691a01b57146d8df42cf28028947ecd26e24c8d3080a03e3dd06b2feb11e2acb54b15"},
	{"b266beb3fae503d334bd84b2f4c1c27e6ae20a9697a48493452331a5a27900c4", 8, "0cab6bd5ca7e576585526ae2", "e04759865eb3f17484347677affb7d1f2cf36dda79737d04e057dc482418fb4223b7961c5808deaec2ba1268c2c66da6c15b381eec88534dadc63bc87c738fd5", "b2b3c3d8a8b58fbfcd52ebd74f1b75e901d6194e375ebde4b8778c5fb4c2709e764259c218b28de7a918394f727c3044cad3994d91c476b87b0a63ed16303f668b", "2bb909289526be3ef7470359cc198c9d7f825996e10a806419010e8a4546d0b9f71285b330b053ecb5a01b5fd1239619df8fe15a7b2510f9d936f6d1db6e1162dfb17ddca10acd82eb"},
	{"6fac65753f9aada6d1b831b2b99e22310d37e946f87b030cafb3033760c97a29", 10, "7a6243f9208829c3524543c6", "", "", "f5403cb185b2eefdeec6"},
	{"433eac2e4de7a4c4510be5198d5b1f14673f5c7089d94b17b5e154adc435b487", 12, "48ba6005d201811b82799156", "ac652267a93b6b0d6502dbefe6cccde7f4e688d0a6e05c45240fb16d45ffd1a9f1340b396f6f323d66d9f253ae28c348bdf416f4277d7ee47b812e42795e2b1088", "ace2df05a9af6e7a6e036d22174af1a8cc4317ca8d3148741f9e5f701870a4499707327ae3cbed3f4405c22615a06f8796ee2c94c5e1f711dc7e29d9ae1cef79", "b01185c4c32900eb39c62af003cfcc124ff74e4b0d2ec11d63551dc6c8795ee5e7ac9e77182f0147b6ae5dfd41fda53d02687b12a3408146cab71d9d83485831872317836548d49662736349"},
	{"20e9da7305582490315e95c4cd639b0f60bf3020a5bd4333ac066a39abe7e393", 6, "eb157f96deae5a347ccf73dced", "876e5759703fcc31c05620f53ca2df9113c63d609044bf1030e083cdfb4cbcff580103bd3ea32edace95ecbc78d160fd", "5e1d5c2b9f4088d705238bbcc2ee234728c28da3373d0957405f063077770311cacf4c406aadfba579cc367479e3ce", "310d691fe47c3ac519766721d63328192fed6bcb2574dde5f14eec2c14716b71c936750a9e676916476676b39ac08f45fe005483fc"},
	{"250c8802f1e0bda151b16197f3242d144091c323ee7dcdaa3d5c6e37acff2b03", 14, "8fd2e8898bfc3d3466a41ee85e", "bd53595b55194dbf4d395b78f28dd4527a5c082023b21811ccc95f235879324d9d", "70439ec351fc1355f64181eb10aac3b226", "5c8c76bb3e20d8d34066bc78aea84a45b55e3d9e2082a225ae0350c5688f25"},
}

func TestAESCCMPythonVectors(t *testing.T) {
	for i, v := range ccmPythonVectors {
		key := ocbUnhex(t, v.key)
		c, err := NewAESCCM(key, v.tag)
		if err != nil {
			t.Fatal(err)
		}
		nonce, ad, pt, ct := ocbUnhex(t, v.nonce), ocbUnhex(t, v.ad), ocbUnhex(t, v.pt), ocbUnhex(t, v.ct)
		ocbCheckValid(t, fmt.Sprintf("python vector %d", i), c, nonce, ad, pt, ct)
		if r := ccmReference(t, key, v.tag, nonce, ad, pt); !bytes.Equal(r, ct) {
			t.Fatalf("python vector %d: the test's reference gives %x", i, r)
		}
	}
}

// TestAESCCMLongAD checks the AD length encodings around the switch from
// two bytes to 0xff 0xfe and four bytes at 2^16 - 2^8 (RFC 3610 section
// 2.2), against Python cryptography 48.0.0: key = sivPattern(16, 5, 9),
// nonce = sivPattern(12, 1, 1), pt = sivPattern(33, 2, 3), ad =
// sivPattern(len, 31, 7), 16-byte tag.
func TestAESCCMLongAD(t *testing.T) {
	key := sivPattern(16, 5, 9)
	c, err := NewAESCCM(key, 16)
	if err != nil {
		t.Fatal(err)
	}
	nonce, pt := sivPattern(12, 1, 1), sivPattern(33, 2, 3)
	for _, v := range []struct {
		adLen int
		ct    string
	}{
		{0xfeff, "9b627961902124223f5cd3962b4a79ce734213edf846403c3ee16952e293a840b225059f391508532c3d0efc9ac805cd27"},
		{0xff00, "9b627961902124223f5cd3962b4a79ce734213edf846403c3ee16952e293a840b2b0927dbe0676c7c808ce6fea06151f30"},
		{0x10000, "9b627961902124223f5cd3962b4a79ce734213edf846403c3ee16952e293a840b241eb906b44440bd2df15e54cf5bcb5a5"},
	} {
		ad := sivPattern(v.adLen, 31, 7)
		want := ocbUnhex(t, v.ct)
		ocbCheckValid(t, fmt.Sprintf("%d-byte AD", v.adLen), c, nonce, ad, pt, want)
		if r := ccmReference(t, key, 16, nonce, ad, pt); !bytes.Equal(r, want) {
			t.Fatalf("%d-byte AD: the test's reference gives %x", v.adLen, r)
		}
	}
}

// TestAESCCMLimits checks len(plaintext) < 2^(8L): with a 13-byte nonce
// (L = 2) 65535 bytes encrypt as Python cryptography does (SHA-256 of its
// output below; key sivPattern(16, 5, 9), nonce sivPattern(13, 1, 1), pt
// sivPattern(65535, 7, 3), ad "hdr") and 65536 are ErrTooLarge (Python
// refuses them too); with 12 bytes (L = 3) 2^24 bytes are ErrTooLarge.
func TestAESCCMLimits(t *testing.T) {
	c, err := NewAESCCM(sivPattern(16, 5, 9), 16)
	if err != nil {
		t.Fatal(err)
	}
	nonce, ad := sivPattern(13, 1, 1), []byte("hdr")
	pt := sivPattern(65535, 7, 3)
	ct := c.Seal(nil, nonce, pt, ad)
	if sum := sha256.Sum256(ct); hex.EncodeToString(sum[:]) != "c14386fb0667f946f3623ba746bc0a0b5a545c9e574d1f6b04d0dd43726a896a" {
		t.Errorf("65535-byte message: SHA-256 of the output %x", sum)
	}
	if got, err := c.Open(nil, nonce, ct, ad); err != nil || !bytes.Equal(got, pt) {
		t.Errorf("65535-byte message: Open failed: %v", err)
	}
	big := make([]byte, 1<<16)
	if _, err := c.Encrypt(nonce, big, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Encrypt of 2^16 bytes with L=2: %v", err)
	}
	if _, err := c.EncryptInto(make([]byte, len(big)+16), nonce, big, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("EncryptInto of 2^16 bytes with L=2: %v", err)
	}
	big16 := make([]byte, 1<<16+16)
	if _, err := c.Decrypt(nonce, big16, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Decrypt of 2^16+16 bytes with L=2: %v", err)
	}
	if _, err := c.DecryptInto(big, nonce, big16, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("DecryptInto of 2^16+16 bytes with L=2: %v", err)
	}
	if _, err := c.Open(nil, nonce, big16, ad); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Open of 2^16+16 bytes: %v", err)
	}
	ocbMustPanic(t, "Seal of 2^16 bytes", func() { c.Seal(nil, nonce, big, ad) })
	if !testing.Short() {
		huge := make([]byte, 1<<24)
		if _, err := c.Encrypt(nonce[:12], huge, ad); !errors.Is(err, ErrTooLarge) {
			t.Errorf("Encrypt of 2^24 bytes with L=3: %v", err)
		}
	}
}

// TestAESCCMCounterCarry drives the CTR helper across a wrap of the low 32
// bits of the counter block, which the kernel alone would not carry into
// the rest of an L-byte counter field (L > 4), and compares it with a
// keystream whose counters are incremented over the whole field.
func TestAESCCMCounterCarry(t *testing.T) {
	key := sivPattern(16, 3, 3)
	c, err := NewAESCCM(key, 16)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := aes.NewCipher(key)
	for _, tc := range []struct {
		l     int
		start [16]byte
	}{
		{8, [16]byte{0: 7, 8: 0x12, 12: 0xff, 13: 0xff, 14: 0xff, 15: 0xfd}},
		{6, [16]byte{0: 5, 11: 0xff, 12: 0xff, 13: 0xff, 14: 0xff, 15: 0xfe}},
		{5, [16]byte{0: 4, 11: 0x01, 12: 0xff, 13: 0xff, 14: 0xff, 15: 0xff}},
	} {
		src := sivPattern(100, 11, 5)
		got := make([]byte, len(src))
		ctr := tc.start
		c.ctrXOR(got, src, &ctr, tc.l)
		want := make([]byte, len(src))
		ref := tc.start
		ks := make([]byte, 16)
		for i := 0; i < len(src); i += 16 {
			b.Encrypt(ks, ref[:])
			for j := i; j < len(src) && j < i+16; j++ {
				want[j] = src[j] ^ ks[j-i]
			}
			for k := 15; k >= 16-tc.l; k-- { // increment the whole L-byte field
				ref[k]++
				if ref[k] != 0 {
					break
				}
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("L=%d from %x: CTR output %x, want %x", tc.l, tc.start, got, want)
		}
		if ctr != ref {
			t.Errorf("L=%d from %x: counter after %x, want %x", tc.l, tc.start, ctr, ref)
		}
	}
}

// ccmReference is CCM of RFC 3610 section 2, written independently of
// ccm.go: it lays out all of B_0 || encoded l(a) || a || padding || m ||
// padding, takes the CBC-MAC as the last block of crypto/cipher's CBC
// encryption under a zero IV, and builds every counter block A_i from i.
func ccmReference(t *testing.T, key []byte, tagSize int, nonce, ad, pt []byte) []byte {
	t.Helper()
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	l := 15 - len(nonce)
	pad := func(x []byte) []byte {
		for len(x)%16 != 0 {
			x = append(x, 0)
		}
		return x
	}
	flags := byte(8*((tagSize-2)/2) + (l - 1))
	if len(ad) > 0 {
		flags += 64
	}
	blocks := []byte{flags}
	blocks = append(blocks, nonce...)
	var lm [8]byte
	binary.BigEndian.PutUint64(lm[:], uint64(len(pt)))
	blocks = append(blocks, lm[8-l:]...)
	if len(ad) > 0 {
		var enc []byte
		switch {
		case len(ad) < 0xff00:
			enc = binary.BigEndian.AppendUint16(nil, uint16(len(ad)))
		default:
			enc = binary.BigEndian.AppendUint32([]byte{0xff, 0xfe}, uint32(len(ad)))
		}
		blocks = append(blocks, pad(append(enc, ad...))...)
	}
	blocks = append(blocks, pad(append([]byte(nil), pt...))...)
	mac := make([]byte, len(blocks))
	cipher.NewCBCEncrypter(b, make([]byte, 16)).CryptBlocks(mac, blocks)
	tag := mac[len(mac)-16:]
	a := func(i uint64) []byte {
		blk := []byte{byte(l - 1)}
		blk = append(blk, nonce...)
		var ib [8]byte
		binary.BigEndian.PutUint64(ib[:], i)
		blk = append(blk, ib[8-l:]...)
		b.Encrypt(blk, blk)
		return blk
	}
	var out []byte
	for i := 0; i < len(pt); i += 16 {
		s := a(uint64(i/16 + 1))
		for j := i; j < len(pt) && j < i+16; j++ {
			out = append(out, pt[j]^s[j-i])
		}
	}
	s0 := a(0)
	for i := 0; i < tagSize; i++ {
		out = append(out, tag[i]^s0[i])
	}
	return out
}

// TestAESCCMReference compares AESCCM with the reference for every key,
// nonce and tag size and message and AD lengths across several
// multi-block batches.
func TestAESCCMReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3610, 1))
	rnd := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	maxLen := 150
	if testing.Short() {
		maxLen = 50
	}
	i := 0
	for _, ks := range []int{16, 24, 32} {
		key := rnd(ks)
		for _, ts := range []int{4, 6, 8, 10, 12, 14, 16} {
			c, err := NewAESCCM(key, ts)
			if err != nil {
				t.Fatal(err)
			}
			for n := 0; n <= maxLen; n += 7 + n/8 {
				i++
				nonce := rnd(7 + i%7)
				ad := rnd(rng.IntN(60))
				pt := rnd(n)
				want := ccmReference(t, key, ts, nonce, ad, pt)
				ocbCheckValid(t, fmt.Sprintf("reference %d", i), c, nonce, ad, pt, want)
			}
		}
	}
}

func TestAESCCMParameters(t *testing.T) {
	for _, n := range []int{0, 1, 15, 17, 31, 33, 64} {
		if _, err := NewAESCCM(make([]byte, n), 16); !errors.Is(err, ErrKeySize) {
			t.Errorf("NewAESCCM(%d-byte key) error %v, want ErrKeySize", n, err)
		}
	}
	for ts := -1; ts <= 20; ts++ {
		_, err := NewAESCCM(make([]byte, 16), ts)
		valid := ts >= 4 && ts <= 16 && ts%2 == 0
		if valid != (err == nil) || (!valid && !errors.Is(err, ErrTagSize)) {
			t.Errorf("NewAESCCM(tag %d) error %v", ts, err)
		}
	}
	for _, bitLen := range []int{128, 192, 256} {
		k, err := GenerateAESCCMKey(bitLen)
		if err != nil || len(k) != bitLen/8 {
			t.Fatalf("GenerateAESCCMKey(%d) = %d bytes, %v", bitLen, len(k), err)
		}
		if _, err := NewAESCCM(k, 16); err != nil {
			t.Fatal(err)
		}
	}
	for _, bitLen := range []int{0, 64, 100, 512} {
		if _, err := GenerateAESCCMKey(bitLen); !errors.Is(err, ErrKeySize) {
			t.Errorf("GenerateAESCCMKey(%d) error %v, want ErrKeySize", bitLen, err)
		}
	}
	c, err := NewAESCCM(make([]byte, 16), 8)
	if err != nil {
		t.Fatal(err)
	}
	if c.NonceSize() != 13 || c.Overhead() != 8 {
		t.Errorf("NonceSize, Overhead = %d, %d; want 13, 8", c.NonceSize(), c.Overhead())
	}
	pt := []byte("some plaintext")
	for _, n := range []int{0, 1, 6, 14, 15, 16} {
		nonce := make([]byte, n)
		if _, err := c.Encrypt(nonce, pt, nil); !errors.Is(err, ErrNonceSize) {
			t.Errorf("Encrypt with a %d-byte nonce: %v", n, err)
		}
		if _, err := c.DecryptInto(make([]byte, 2), nonce, make([]byte, 10), nil); !errors.Is(err, ErrNonceSize) {
			t.Errorf("DecryptInto with a %d-byte nonce: %v", n, err)
		}
	}
	for _, n := range []int{7, 12, 14} {
		ocbMustPanic(t, "Seal with a wrong nonce size", func() { c.Seal(nil, make([]byte, n), pt, nil) })
		ocbMustPanic(t, "Open with a wrong nonce size", func() { _, _ = c.Open(nil, make([]byte, n), make([]byte, 32), nil) })
	}
	nonce := make([]byte, 13)
	for n := 0; n < 8; n++ {
		if _, err := c.Decrypt(nonce, make([]byte, n), nil); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("Decrypt of %d bytes: %v", n, err)
		}
		if _, err := c.Open(nil, nonce, make([]byte, n), nil); !errors.Is(err, ErrInvalidTag) {
			t.Errorf("Open of %d bytes: %v", n, err)
		}
	}
	if _, err := c.EncryptInto(make([]byte, len(pt)+16), nonce, pt, nil); !errors.Is(err, ErrBufferSize) {
		t.Errorf("EncryptInto with a 16-byte tag's room: %v", err)
	}
	if _, err := c.DecryptInto(make([]byte, 3), nonce, make([]byte, 10), nil); !errors.Is(err, ErrBufferSize) {
		t.Errorf("DecryptInto with a long dst: %v", err)
	}
	buf := make([]byte, 64)
	if _, err := c.EncryptInto(buf[2:2+len(pt)+8], nonce, buf[:len(pt)], nil); !errors.Is(err, ErrOverlap) {
		t.Errorf("EncryptInto with dst shifted: %v", err)
	}
	if _, err := c.EncryptInto(buf[:len(pt)+8], buf[10:23], pt, nil); !errors.Is(err, ErrOverlap) {
		t.Errorf("EncryptInto with dst over the nonce: %v", err)
	}
	ocbMustPanic(t, "Open with dst shifted", func() { _, _ = c.Open(buf[1:1], nonce, buf[:30], nil) })
}

func TestAESCCMAllocs(t *testing.T) {
	c, err := NewAESCCM(make([]byte, 24), 12)
	if err != nil {
		t.Fatal(err)
	}
	ocbCheckAllocs(t, "AESCCM", c)
}
