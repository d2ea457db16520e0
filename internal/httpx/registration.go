package httpx

import (
	"context"

	"patentbridge"
	"patentbridge/internal/refdata"
)

// RegistrationProvince is the province whose 市(州) a registrant chooses from:
// Sichuan (GB/T 2260 code 51).
const RegistrationProvince = "51"

// RegistrationReviewers is the access of the review routes: administrators, and
// city users on their own city's registrations.
var RegistrationReviewers = Roles(patentbridge.RoleCity).In(ScopeOwnCity)

// RegistrationCities lists the 市(州) a registrant may choose.
func RegistrationCities(ref RefData) []refdata.Region {
	if ref == nil {
		return nil
	}
	return ref.Cities(RegistrationProvince)
}

// CheckRegistrationCity refuses a city code that is not one of
// RegistrationCities. Returns EINVALID naming "city_code".
func CheckRegistrationCity(ref RefData, code string) error {
	for _, c := range RegistrationCities(ref) {
		if c.CityCode == code {
			return nil
		}
	}
	return patentbridge.FieldErrorf("city_code", "请选择所在市（州）：%q 不是四川省的市（州）", code)
}

// RegistrationView is a registration as the review pages and the API show it.
type RegistrationView struct {
	*patentbridge.Registration
	TypeLabel   string `json:"organization_type_label"`
	StatusLabel string `json:"status_label"`
	CityName    string `json:"city_name"`
	Created     string `json:"-"` // 2006-01-02 15:04, for the pages
}

// NewRegistrationView labels a registration.
func NewRegistrationView(r *patentbridge.Registration, ref RefData) RegistrationView {
	v := RegistrationView{Registration: r, TypeLabel: r.OrgType.Label(), StatusLabel: patentbridge.RegistrationStatusLabel(r.Status),
		Created: r.CreatedAt.In(patentbridge.Beijing).Format("2006-01-02 15:04")}
	if ref != nil {
		v.CityName = ref.CityName(r.CityCode)
	}
	return v
}

// SubmitRegistration registers nr through svc once its fields pass
// (NewRegistration.Validate) and its city is one of RegistrationCities: the
// page and the API submit through it, so both check the city alike.
func SubmitRegistration(ctx context.Context, svc patentbridge.RegistrationService, ref RefData, nr patentbridge.NewRegistration) (*patentbridge.Registration, error) {
	check := nr
	if err := check.Validate(); err != nil {
		return nil, err
	}
	if err := CheckRegistrationCity(ref, check.CityCode); err != nil {
		return nil, err
	}
	return svc.Register(ctx, nr)
}
