package sqldb_test

import (
	"context"
	"testing"
	"time"

	"patentbridge"
	"patentbridge/internal/sqldb"
	"patentbridge/internal/sqldb/sqldbtest"
)

func TestUsers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		admin := MustCreateUser(t, db, "admin", patentbridge.RoleAdmin, "correct horse")
		if admin.ID == 0 || admin.CreatedAt.IsZero() {
			t.Fatalf("CreateUser did not set ID and CreatedAt: %+v", admin)
		}

		t.Run("validation", func(t *testing.T) {
			for _, tt := range []struct {
				user     patentbridge.User
				password string
				field    string
			}{
				{patentbridge.User{Username: "  ", Role: patentbridge.RoleAdmin}, "long enough", "username"},
				{patentbridge.User{Username: "bob", Role: patentbridge.RoleAdmin}, "短密码12345", ""},
				{patentbridge.User{Username: "bob", Role: patentbridge.RoleAdmin}, "short", "password"},
				{patentbridge.User{Username: "bob", Role: "root"}, "long enough", "role"},
				{patentbridge.User{Username: "bob", Role: patentbridge.RoleCity}, "long enough", "city_code"},
				{patentbridge.User{Username: "bob", Role: patentbridge.RoleCity, CityCode: "成都"}, "long enough", "city_code"},
			} {
				u := tt.user
				err := db.CreateUser(ctx, &u, tt.password)
				if tt.field == "" {
					if err != nil {
						t.Errorf("CreateUser(%+v) = %v, want success (8 Chinese and digit characters)", tt.user, err)
					}
					continue
				}
				wantCode(t, err, patentbridge.EINVALID)
				if f := patentbridge.ErrorField(err); f != tt.field {
					t.Errorf("CreateUser(%+v) field = %q, want %q", tt.user, f, tt.field)
				}
			}
			err := db.CreateUser(ctx, &patentbridge.User{Username: "admin", Role: patentbridge.RoleEnterprise}, "another one")
			wantCode(t, err, patentbridge.ECONFLICT)
			if n, _ := db.CountUsers(ctx); n != 2 {
				t.Errorf("CountUsers = %d, want 2", n)
			}
		})

		t.Run("authenticate", func(t *testing.T) {
			u, err := db.Authenticate(ctx, "admin", "correct horse")
			if err != nil || u.ID != admin.ID || u.Role != patentbridge.RoleAdmin {
				t.Fatalf("Authenticate = %+v, %v", u, err)
			}
			for _, bad := range [][2]string{{"admin", "wrong horse"}, {"nobody", "correct horse"}} {
				_, err := db.Authenticate(ctx, bad[0], bad[1])
				wantCode(t, err, patentbridge.EUNAUTHORIZED)
				if msg := patentbridge.ErrorMessage(err); msg != "用户名或密码错误" {
					t.Errorf("message = %q", msg)
				}
			}
		})

		t.Run("sessions expire and end", func(t *testing.T) {
			now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return now }
			defer func() { db.Now = time.Now }()
			token, err := db.CreateSession(ctx, admin.ID, time.Hour)
			if err != nil || len(token) != 64 {
				t.Fatalf("CreateSession = %q, %v", token, err)
			}
			if u, err := db.UserByToken(ctx, token); err != nil || u.Username != "admin" {
				t.Fatalf("UserByToken = %+v, %v", u, err)
			}
			now = now.Add(61 * time.Minute)
			_, err = db.UserByToken(ctx, token)
			wantCode(t, err, patentbridge.EUNAUTHORIZED)
			if msg := patentbridge.ErrorMessage(err); msg != "登录已失效，请重新登录" {
				t.Errorf("message = %q", msg)
			}

			token, _ = db.CreateSession(ctx, admin.ID, time.Hour)
			if err := db.DeleteSession(ctx, token); err != nil {
				t.Fatal(err)
			}
			_, err = db.UserByToken(ctx, token)
			wantCode(t, err, patentbridge.EUNAUTHORIZED)
			_, err = db.CreateSession(ctx, 9999, time.Hour)
			wantCode(t, err, patentbridge.ENOTFOUND)
		})

		t.Run("API tokens", func(t *testing.T) {
			token, err := db.CreateAPIToken(ctx, admin.ID, "导入脚本")
			if err != nil {
				t.Fatal(err)
			}
			if u, err := db.UserByToken(ctx, token); err != nil || u.ID != admin.ID {
				t.Fatalf("UserByToken(API token) = %+v, %v", u, err)
			}
			last := "0"
			if token[63] == '0' {
				last = "1"
			}
			for _, bad := range []string{"", token[:63] + last, "not-a-token"} {
				_, err := db.UserByToken(ctx, bad)
				wantCode(t, err, patentbridge.EUNAUTHORIZED)
			}
		})
	})
}
