module driftless.dev/bench/peers/flux-ssa

go 1.26.0

require (
	github.com/fluxcd/pkg/ssa v0.78.0
	k8s.io/apimachinery v0.37.0
	k8s.io/client-go v0.37.0
	sigs.k8s.io/controller-runtime v0.25.0
)
