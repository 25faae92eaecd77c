//! CloudFormation (YAML/JSON) and Terraform (HCL, .tf.json) → one resource model with line spans.
