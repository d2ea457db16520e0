package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"patentbridge/internal/config"
)

// The upload limit is the operator's (--max-upload): a larger upload is answered
// 413 with a Chinese message, and nothing of it is kept.
func TestUploadLimitIs413(t *testing.T) {
	m := MustOpenMain(t, "sqlite:"+t.TempDir()+"/pb.db", 0, func(c *config.Config) { c.MaxUpload = "2KB" })
	req, _ := http.NewRequest("POST", m.URL()+"/api/v1/imports?filename=big.csv", strings.NewReader("申请号\n"+strings.Repeat("2022232206652\n", 400)))
	req.Header.Set("Authorization", "Bearer "+MustAdminToken(t, m))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Error struct{ Code, Message string }
	}
	_ = json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != 413 || body.Error.Code != "ETOOLARGE" || !strings.Contains(body.Error.Message, "大小上限 2 KB") {
		t.Errorf("upload over the limit: %d %+v", res.StatusCode, body)
	}
}
