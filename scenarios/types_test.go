package scenarios

import "reflect"

var (
	durationType = reflect.TypeFor[Duration]()
	rateType     = reflect.TypeFor[Rate]()
	fractionType = reflect.TypeFor[Fraction]()
)
