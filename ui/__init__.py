"""The Gradio app's tabs, messages and the trainee records."""
