/** Azure cloud-provider Service annotations the gateway and the policy pack rely on. */

/** Makes a LoadBalancer Service an internal Azure load balancer. */
export const INTERNAL_LB_ANNOTATION = "service.beta.kubernetes.io/azure-load-balancer-internal";

/** Turns off the Azure load balancer's Floating IP (DSR), which the NSG design relies on. */
export const FLOATING_IP_OFF_ANNOTATION = "service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip";
