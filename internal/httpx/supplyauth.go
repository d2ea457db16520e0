package httpx

import "patentbridge"

// SupplyManagers is the access of the routes that build supply lists:
// administrators and city users, each city user on its own city's lists (the
// store applies patentbridge.AuthorizeSupplyList to every list).
var SupplyManagers = Roles(patentbridge.RoleCity).In(ScopeOwnCity)
