package patentbridge

import "time"

// designTermChange is the day from which design applications have a 15-year
// term (Patent Law as amended in 2020, in force 2021-06-01).
var designTermChange = time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)

// LastDayOfTerm returns the last day on which the patent can be in force
// (Patent Law art. 42): 20 years for an invention, 10 for a utility model, 15
// for a design filed from 2021-06-01 (10 before), counted from the application
// date, so the term ends the day before its anniversary. Term extensions are
// not known to the platform. A patent with no application date returns the
// zero time.
func LastDayOfTerm(p *Patent) time.Time {
	if p.AppDate.IsZero() {
		return time.Time{}
	}
	years := 20
	switch p.Kind {
	case KindUtility, KindPCTUtility:
		years = 10
	case KindDesign:
		years = 10
		if !p.AppDate.Before(designTermChange) {
			years = 15
		}
	}
	d := p.AppDate.UTC()
	return time.Date(d.Year()+years, d.Month(), d.Day()-1, 0, 0, 0, 0, time.UTC)
}
