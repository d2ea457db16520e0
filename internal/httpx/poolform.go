package httpx

import (
	"strconv"
	"strings"

	"patentbridge"
)

// PoolForm is a pool's fields as the web form carries them: member
// organizations one a line (a registry name or an organization id), patents'
// application numbers one a line, and the optional package fee.
type PoolForm struct {
	Name, Field, Members, AppNos, Terms string
	Fee                                 FeeForm
}

// PoolFormOf reads the posted pool form through get, a url.Values' Get.
func PoolFormOf(get func(string) string) PoolForm {
	return PoolForm{Name: get("name"), Field: get("field"), Members: get("members"), AppNos: get("app_nos"),
		Terms: get("terms"), Fee: FeeFormOf(get)}
}

// Pool turns the form into a pool (the service checks the rules), resolving
// each member line that is not an id through orgByName. Returns EINVALID
// naming the field for an unknown organization or an unreadable fee.
func (f PoolForm) Pool(orgByName func(name string) (*patentbridge.Organization, error)) (*patentbridge.Pool, error) {
	p := &patentbridge.Pool{Name: f.Name, Field: f.Field, Terms: f.Terms, AppNos: SplitAppNos(f.AppNos)}
	lines := strings.Split(f.Members, "\n")
	if len(lines) > patentbridge.PoolMembersMax+10 {
		return nil, patentbridge.FieldErrorf("members", "专利池最多%d家成员单位", patentbridge.PoolMembersMax)
	}
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if id, err := strconv.ParseInt(line, 10, 64); err == nil && id > 0 {
			p.Members = append(p.Members, patentbridge.PoolMember{OrgID: id})
			continue
		}
		org, err := orgByName(line)
		if err != nil {
			if patentbridge.ErrorCode(err) == patentbridge.ENOTFOUND {
				return nil, patentbridge.FieldErrorf("members", "单位名录中没有“%s”，请填写单位全称或单位编号", patentbridge.ClipValue(line))
			}
			return nil, err
		}
		p.Members = append(p.Members, patentbridge.PoolMember{OrgID: org.ID, Name: org.Name})
	}
	if strings.TrimSpace(f.Fee.Method) != "" {
		fee, err := f.Fee.Terms()
		if err != nil {
			return nil, err
		}
		p.Fee = &fee
	}
	return p, nil
}
